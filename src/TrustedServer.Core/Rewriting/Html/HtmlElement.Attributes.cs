using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>Attribute reading and editing. Edited values are kept in raw (reference-escaped) form and quoted when
/// the tag is written; unedited attributes are copied from the input bytes.</summary>
public sealed partial class HtmlElement
{
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(" \t\n\f\r\"'=<>`"u8);

    private AttributeEdit[] _edits = new AttributeEdit[8];
    private byte[] _editBuffer = new byte[256];
    private int _editBytes;
    private (int Name, int NameLength, int Value, int ValueLength)[] _added = new (int, int, int, int)[2];
    private int _addedCount;
    private bool _hasEdits;

    private enum EditKind : byte
    {
        None,
        Set,
        Removed,
    }

    /// <summary>The attribute's name as written.</summary>
    public ReadOnlySpan<byte> GetAttributeNameBytes(int index) =>
        Raw[Spans[index].NameStart..Spans[index].NameEnd];

    /// <summary>The attribute's value as written (character references not resolved, no quotes), reflecting edits
    /// made by earlier handlers; empty for a valueless or removed attribute.</summary>
    public ReadOnlySpan<byte> GetAttributeValueBytes(int index)
    {
        var e = _edits[index];
        if (e.Kind != EditKind.None)
        {
            return _editBuffer.AsSpan(e.Offset, e.Length);
        }

        var a = Spans[index];
        return a.HasValue ? Raw[a.ValueStart..a.ValueEnd] : default;
    }

    /// <summary>Was the attribute removed by a handler?</summary>
    public bool IsAttributeRemoved(int index) => _edits[index].Kind == EditKind.Removed;

    /// <summary>The attribute's name in lower case.</summary>
    public string GetAttributeName(int index) => Encoding.ASCII.GetString(GetAttributeNameBytes(index)).ToLowerInvariant();

    /// <summary>The attribute's value with character references resolved.</summary>
    public string GetAttributeValue(int index) =>
        CharacterReferences.Decode(GetAttributeValueBytes(index), inAttribute: true, _rewriter.Encoding);

    /// <summary>The index of the first attribute of the tag named <paramref name="name"/> (ASCII case-insensitive,
    /// removed ones skipped), or -1. Attributes added by handlers have no index.</summary>
    public int IndexOfAttribute(string name)
    {
        var i = FindAttribute(name);
        return i < AttributeCount ? i : -1;
    }

    /// <summary>Like <see cref="IndexOfAttribute"/>, but an added attribute is found as AttributeCount + its position.</summary>
    private int FindAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < AttributeCount; i++)
        {
            var n = GetAttributeNameBytes(i);
            if (_edits[i].Kind != EditKind.Removed && n.Length == name.Length && EqualsIgnoreCase(n, name))
            {
                return i;
            }
        }

        for (var i = 0; i < _addedCount; i++)
        {
            var n = _editBuffer.AsSpan(_added[i].Name, _added[i].NameLength);
            if (n.Length == name.Length && EqualsIgnoreCase(n, name))
            {
                return AttributeCount + i;
            }
        }

        return -1;
    }

    /// <summary>The decoded value of the first attribute named <paramref name="name"/>, or null.</summary>
    public string? GetAttribute(string name)
    {
        var i = FindAttribute(name);
        if (i < 0)
        {
            return null;
        }

        if (i >= AttributeCount)
        {
            var added = _added[i - AttributeCount];
            return CharacterReferences.Decode(_editBuffer.AsSpan(added.Value, added.ValueLength), inAttribute: true, _rewriter.Encoding);
        }

        return GetAttributeValue(i);
    }

    /// <summary>Does the element have an attribute named <paramref name="name"/>?</summary>
    public bool HasAttribute(string name) => FindAttribute(name) >= 0;

    /// <summary>Sets an attribute's value (a plain value: ampersands that would read as references are escaped).</summary>
    public void SetAttributeValue(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        SetAttributeRawValue(index, EscapeAmpersands(_rewriter.Encoding.GetBytes(value)));
    }

    /// <summary>Sets an attribute's value from bytes already in attribute form (references stay as written); only
    /// the quote character is escaped, and an unquoted value that needs quotes gets double quotes.</summary>
    public void SetAttributeRawValue(int index, ReadOnlySpan<byte> rawValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, AttributeCount);
        var offset = Store(rawValue);
        _edits[index] = new AttributeEdit { Kind = EditKind.Set, Offset = offset, Length = rawValue.Length };
        _hasEdits = true;
    }

    /// <summary>Sets the attribute named <paramref name="name"/>, adding it at the end when absent.</summary>
    public void SetAttribute(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = FindAttribute(name);
        if (i >= 0 && i < AttributeCount)
        {
            SetAttributeValue(i, value);
            return;
        }

        var rawValue = EscapeAmpersands(_rewriter.Encoding.GetBytes(value));
        if (i >= AttributeCount)
        {
            ref var existing = ref _added[i - AttributeCount];
            existing.Value = Store(rawValue);
            existing.ValueLength = rawValue.Length;
            return;
        }

        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (_addedCount == _added.Length)
        {
            Array.Resize(ref _added, _added.Length * 2);
        }

        var nameOffset = Store(nameBytes);
        var valueOffset = Store(rawValue);
        _added[_addedCount++] = (nameOffset, nameBytes.Length, valueOffset, rawValue.Length);
        _hasEdits = true;
    }

    /// <summary>Removes the attribute at <paramref name="index"/>.</summary>
    public void RemoveAttribute(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, AttributeCount);
        _edits[index] = new AttributeEdit { Kind = EditKind.Removed };
        _hasEdits = true;
    }

    /// <summary>Removes the first attribute named <paramref name="name"/>, if any.</summary>
    public void RemoveAttribute(string name)
    {
        var i = FindAttribute(name);
        if (i >= AttributeCount)
        {
            var last = --_addedCount;
            Array.Copy(_added, i - AttributeCount + 1, _added, i - AttributeCount, last - (i - AttributeCount));
        }
        else if (i >= 0)
        {
            RemoveAttribute(i);
        }
    }

    /// <summary>Writes the start tag: its input bytes when nothing changed, otherwise with the edits applied.</summary>
    internal void WriteStartTag(IBufferWriter<byte> output)
    {
        var raw = Raw;
        if (!_hasEdits)
        {
            output.Write(raw);
            return;
        }

        // The whole tag goes into one span sized for the worst case (every value byte a quote to escape), so writing
        // it costs one GetSpan and one Advance however many pieces it has.
        var span = output.GetSpan(MaxEditedLength());
        var written = 0;
        var pos = 0;
        var previousEnd = _nameEnd;
        for (var i = 0; i < AttributeCount; i++)
        {
            var a = _attrs[i];
            var e = _edits[i];
            if (e.Kind == EditKind.Removed)
            {
                Put(span, ref written, raw[pos..previousEnd]);
                pos = a.End;
            }
            else if (e.Kind == EditKind.Set)
            {
                var regionStart = a.HasValue ? a.ValueStart - (a.Quote != 0 ? 1 : 0) : a.NameEnd;
                Put(span, ref written, raw[pos..regionStart]);
                if (!a.HasValue)
                {
                    span[written++] = (byte)'=';
                }

                PutQuoted(span, ref written, _editBuffer.AsSpan(e.Offset, e.Length), a.HasValue ? a.Quote : (byte)'"');
                pos = a.End;
            }

            previousEnd = a.End;
        }

        var insertAt = raw.Length - (IsSelfClosing ? 2 : 1);
        Put(span, ref written, raw[pos..insertAt]);

        // Keep the tag's own spacing: after whitespace (as in "<img src=a />") the space goes after the attribute.
        var spaceAfter = TagNames.IsWhitespace(raw[insertAt - 1]);
        for (var i = 0; i < _addedCount; i++)
        {
            var (name, nameLength, value, valueLength) = _added[i];
            if (!spaceAfter)
            {
                span[written++] = (byte)' ';
            }

            Put(span, ref written, _editBuffer.AsSpan(name, nameLength));
            span[written++] = (byte)'=';
            PutQuoted(span, ref written, _editBuffer.AsSpan(value, valueLength), (byte)'"');
            if (spaceAfter)
            {
                span[written++] = (byte)' ';
            }
        }

        Put(span, ref written, raw[insertAt..]);
        output.Advance(written);
    }

    /// <summary>The most bytes <see cref="WriteStartTag"/> can write: the tag plus, per edit, its value with every byte
    /// escaped (a quote becomes six bytes), quotes, <c>=</c> and a space.</summary>
    private int MaxEditedLength()
    {
        var bound = Raw.Length;
        for (var i = 0; i < AttributeCount; i++)
        {
            if (_edits[i].Kind == EditKind.Set)
            {
                bound += (_edits[i].Length * 6) + 3;
            }
        }

        for (var i = 0; i < _addedCount; i++)
        {
            bound += _added[i].NameLength + (_added[i].ValueLength * 6) + 4;
        }

        return bound;
    }

    private static void Put(Span<byte> span, ref int written, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[written..]);
        written += bytes.Length;
    }

    /// <summary>Writes an attribute value in raw form with the quoting rules of edited attributes: kept quote (its
    /// occurrences escaped), double quotes added to an unquoted value that needs them.</summary>
    internal static void WriteAttributeValue(IBufferWriter<byte> output, ReadOnlySpan<byte> value, byte quote)
    {
        var span = output.GetSpan((value.Length * 6) + 2);
        var written = 0;
        PutQuoted(span, ref written, value, quote);
        output.Advance(written);
    }

    private static void PutQuoted(Span<byte> span, ref int written, ReadOnlySpan<byte> value, byte quote)
    {
        if (quote == 0 && (value.IsEmpty || value.IndexOfAny(NeedsQuotes) >= 0))
        {
            quote = (byte)'"';
        }

        if (quote == 0)
        {
            Put(span, ref written, value);
            return;
        }

        span[written++] = quote;
        var escape = quote == '"' ? "&quot;"u8 : "&#39;"u8;
        int i;
        while ((i = value.IndexOf(quote)) >= 0)
        {
            Put(span, ref written, value[..i]);
            Put(span, ref written, escape);
            value = value[(i + 1)..];
        }

        Put(span, ref written, value);
        span[written++] = quote;
    }

    private static byte[] EscapeAmpersands(byte[] value)
    {
        if (value.AsSpan().IndexOf((byte)'&') < 0)
        {
            return value;
        }

        var result = new List<byte>(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '&' && CharacterReferences.IsReference(value, i))
            {
                result.AddRange("&amp;"u8);
            }
            else
            {
                result.Add(value[i]);
            }
        }

        return [.. result];
    }

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, string name)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (TagNames.ToLower(bytes[i]) != char.ToLowerInvariant(name[i]))
            {
                return false;
            }
        }

        return true;
    }

    private int Store(ReadOnlySpan<byte> bytes)
    {
        if (_editBytes + bytes.Length > _editBuffer.Length)
        {
            Array.Resize(ref _editBuffer, Math.Max(_editBuffer.Length * 2, _editBytes + bytes.Length));
        }

        bytes.CopyTo(_editBuffer.AsSpan(_editBytes));
        var offset = _editBytes;
        _editBytes += bytes.Length;
        return offset;
    }

    private struct AttributeEdit
    {
        public EditKind Kind;
        public int Offset;
        public int Length;
    }
}
