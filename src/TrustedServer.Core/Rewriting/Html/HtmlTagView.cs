using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>A complete tag as the tokenizer saw it: its bytes, its name and its attributes, valid during one call.</summary>
internal readonly ref struct HtmlTagView
{
    public HtmlTagView(ReadOnlySpan<byte> raw, int nameStart, int nameEnd, ReadOnlySpan<HtmlAttributeSpan> attributes, bool selfClosing, TagKind kind)
    {
        Raw = raw;
        NameStart = nameStart;
        NameEnd = nameEnd;
        Attributes = attributes;
        SelfClosing = selfClosing;
        Kind = kind;
    }

    public ReadOnlySpan<byte> Raw { get; }

    public int NameStart { get; }

    public int NameEnd { get; }

    public ReadOnlySpan<byte> Name => Raw[NameStart..NameEnd];

    public ReadOnlySpan<HtmlAttributeSpan> Attributes { get; }

    public bool SelfClosing { get; }

    public TagKind Kind { get; }
}
