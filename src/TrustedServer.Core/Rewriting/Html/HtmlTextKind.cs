namespace TrustedServer.Core.Rewriting.Html;

/// <summary>The content model a run of text was tokenized in.</summary>
public enum HtmlTextKind : byte
{
    /// <summary>Ordinary text; character references are meaningful and markup in inserted text must be escaped.</summary>
    Data,

    /// <summary>Text of <c>title</c> and <c>textarea</c>: character references are meaningful, tags are not.</summary>
    RcData,

    /// <summary>Raw text (<c>script</c>, <c>style</c>, <c>xmp</c>, <c>iframe</c>, <c>noembed</c>, <c>noframes</c>,
    /// <c>plaintext</c>): bytes are taken literally and inserted text is never escaped.</summary>
    RawText,
}
