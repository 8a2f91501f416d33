namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>The tag names the tokenizer itself must recognise (content models and foreign content).</summary>
internal enum TagKind : byte
{
    Other,
    Script,
    Style,
    Title,
    Textarea,
    Xmp,
    Iframe,
    Noembed,
    Noframes,
    Plaintext,
    Svg,
    Math,

    /// <summary>An HTML element that closes foreign content when it starts (b, div, p, table, ...).</summary>
    Breakout,
}
