using System.Buffers;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// The hydration rule for one JSON Flight row: React hydrates the server's HTML against the payload, and the publisher
/// mapping changes URLs in the HTML's attributes (and script and style text) but never its text nodes. So a string
/// React renders as text (a <c>children</c> value, directly or in an array, except under a <c>script</c> or
/// <c>style</c> element) is left as the origin wrote it, and every other string (props that become attributes, hints,
/// data) is mapped. Strings are found by walking the row's JSON without building it.
/// </summary>
internal static class FlightPropsMapper
{
    /// <summary>Writes <paramref name="row"/> (the bytes after <c>id:</c>) to <paramref name="output"/>, mapped by the rule.</summary>
    public static void Map(ReadOnlySpan<byte> row, FlightEncoding encoding, UrlMapper mapper, IBufferWriter<byte> output)
    {
        var frames = new FrameStack();
        using var scratch = new PooledBufferWriter(256);
        var inString = false;
        var jsonEscape = false;
        var isKey = false;
        var stringStart = 0;
        var copied = 0;
        var i = 0;
        while (i < row.Length)
        {
            if (inString && !jsonEscape)
            {
                // Inside a string only a backslash (which starts every escape, and in a JavaScript string every quote)
                // or, in raw Flight, the closing quote matters: the bytes between pass in one step.
                var plain = encoding == FlightEncoding.Raw ? row[i..].IndexOfAny((byte)'\\', (byte)'"') : row[i..].IndexOf((byte)'\\');
                if (plain < 0)
                {
                    break;
                }

                i += plain;
            }

            int length;
            int codePoint;
            if (encoding == FlightEncoding.Raw || row[i] != (byte)'\\')
            {
                length = 1;
                codePoint = row[i];
            }
            else
            {
                length = JsStringUnits.Read(row[i..], out codePoint);
                if (length == 0)
                {
                    break;
                }
            }

            if (inString)
            {
                if (jsonEscape)
                {
                    jsonEscape = false;
                }
                else if (codePoint == '\\')
                {
                    jsonEscape = true;
                }
                else if (codePoint == '"')
                {
                    inString = false;
                    var value = row[stringStart..i];
                    if (isKey)
                    {
                        frames.Top.KeyIsChildren = value.SequenceEqual("children"u8);
                    }
                    else
                    {
                        NoteArrayItem(ref frames, value);
                        if (!IsText(ref frames))
                        {
                            // Most strings hold nothing to map: only a mapped one breaks the copy of the row.
                            scratch.Clear();
                            if (mapper.TryMapAttributeValue(value, urlBearing: false, scratch))
                            {
                                output.Write(row[copied..stringStart]);
                                output.Write(scratch.WrittenSpan);
                                copied = i;
                            }
                        }
                    }
                }
            }
            else
            {
                switch (codePoint)
                {
                    case '"':
                        inString = true;
                        isKey = frames.Count > 0 && frames.Top is { IsObject: true, ExpectKey: true };
                        stringStart = i + length;
                        break;
                    case '{':
                        var code = frames.Count > 0 && frames.Top is { IsObject: false, IsElement: true, Index: 3, ElementIsCode: true };
                        frames.Push(new Frame { IsObject = true, ExpectKey = true, CodeChildren = code });
                        break;
                    case '[':
                        frames.Push(new Frame { Text = IsText(ref frames) });
                        break;
                    case '}':
                    case ']':
                        frames.Pop();

                        break;
                    case ':' when frames.Count > 0:
                        frames.Top.ExpectKey = false;
                        break;
                    case ',' when frames.Count > 0:
                        ref var comma = ref frames.Top;
                        if (comma.IsObject)
                        {
                            comma.ExpectKey = true;
                            comma.KeyIsChildren = false;
                        }
                        else
                        {
                            comma.Index++;
                        }

                        break;
                }
            }

            i += length;
        }

        output.Write(row[copied..]);
    }

    /// <summary>Does a string value here become a text node?</summary>
    private static bool IsText(ref FrameStack frames)
    {
        if (frames.Count == 0)
        {
            return false;
        }

        ref var top = ref frames.Top;
        return top.IsObject ? top.KeyIsChildren && !top.CodeChildren : top.Text;
    }

    /// <summary>Recognises React element tuples, <c>["$", type, key, props]</c>, by their first two strings.</summary>
    private static void NoteArrayItem(ref FrameStack frames, ReadOnlySpan<byte> value)
    {
        if (frames.Count == 0 || frames.Top.IsObject)
        {
            return;
        }

        ref var top = ref frames.Top;
        if (top.Index == 0)
        {
            top.IsElement = value.SequenceEqual("$"u8);
        }
        else if (top.Index == 1 && top.IsElement)
        {
            top.ElementIsCode = value.SequenceEqual("script"u8) || value.SequenceEqual("style"u8);
        }
    }

    /// <summary>The open arrays and objects, innermost on top, changed in place.</summary>
    private struct FrameStack
    {
        private Frame[] _frames;

        public FrameStack() => _frames = new Frame[16];

        public int Count { get; private set; }

        public readonly ref Frame Top => ref _frames[Count - 1];

        public void Push(Frame frame)
        {
            if (Count == _frames.Length)
            {
                Array.Resize(ref _frames, Count * 2);
            }

            _frames[Count++] = frame;
        }

        public void Pop()
        {
            if (Count > 0)
            {
                Count--;
            }
        }
    }

    private struct Frame
    {
        public bool IsObject;
        public bool ExpectKey;
        public bool KeyIsChildren;
        public bool CodeChildren;
        public bool Text;
        public bool IsElement;
        public bool ElementIsCode;
        public int Index;
    }
}
