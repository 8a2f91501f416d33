using System.Text;
using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Tests.Html;

/// <summary>Records tokenizer output as html5lib-style token strings (character tokens merged).</summary>
internal sealed class TokenRecorder : IHtmlTokenSink
{
    private readonly List<string> _tokens = [];
    private readonly StringBuilder _chars = new();

    public List<string> Tokens
    {
        get
        {
            FlushChars();
            return _tokens;
        }
    }

    public bool Text(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> text, HtmlTextKind kind)
    {
        var s = kind == HtmlTextKind.RawText
            ? Encoding.UTF8.GetString(text).Replace('\0', '\uFFFD')
            : CharacterReferences.Decode(text, inAttribute: false, Encoding.UTF8, replaceNul: kind == HtmlTextKind.RcData);
        _chars.Append(s);
        return true;
    }

    public bool Raw(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> bytes) => true;

    public void Flush(ReadOnlySpan<byte> bytes)
    {
    }

    public bool StartTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
    {
        FlushChars();
        var attrs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in tag.Attributes)
        {
            var name = Name(tag.Raw[a.NameStart..a.NameEnd]);
            var value = a.HasValue ? CharacterReferences.Decode(tag.Raw[a.ValueStart..a.ValueEnd], inAttribute: true, Encoding.UTF8) : "";
            attrs.TryAdd(name, value);
        }

        _tokens.Add(Format("StartTag", Name(tag.Name), string.Join(",", attrs.Select(kv => Quote(kv.Key) + "=" + Quote(kv.Value))), tag.SelfClosing ? "selfclosing" : ""));
        return true;
    }

    public bool EndTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
    {
        FlushChars();
        _tokens.Add(Format("EndTag", Name(tag.Name)));
        return true;
    }

    public void Markup(MarkupKind kind, ReadOnlySpan<byte> data)
    {
        if (kind == MarkupKind.CData)
        {
            _chars.Append(Encoding.UTF8.GetString(data));
            return;
        }

        FlushChars();
        if (kind == MarkupKind.Comment)
        {
            _tokens.Add(Format("Comment", Encoding.UTF8.GetString(data).Replace('\0', '\uFFFD')));
            return;
        }

        var p = 9;
        while (p < data.Length && TagNames.IsWhitespace(data[p]))
        {
            p++;
        }

        var e = p;
        while (e < data.Length && !TagNames.IsWhitespace(data[e]) && data[e] != '>')
        {
            e++;
        }

        _tokens.Add(Format("DOCTYPE", e > p ? Name(data[p..e]) : "null"));
    }

    public static string Format(params string[] parts) => "[" + string.Join("|", parts.Select(Quote)) + "]";

    private static string Name(ReadOnlySpan<byte> raw)
    {
        var lower = new byte[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            lower[i] = TagNames.ToLower(raw[i]);
        }

        return Encoding.UTF8.GetString(lower).Replace('\0', '\uFFFD');
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private void FlushChars()
    {
        if (_chars.Length > 0)
        {
            _tokens.Add(Format("Character", _chars.ToString()));
            _chars.Clear();
        }
    }
}
