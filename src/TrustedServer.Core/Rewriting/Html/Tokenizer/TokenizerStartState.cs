namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>The content model a tokenizer can start in (a fragment inside an element), for <see cref="HtmlTokenizer.StartIn"/>.</summary>
internal enum TokenizerStartState : byte
{
    /// <summary>Ordinary markup.</summary>
    Data,

    /// <summary>Inside <c>plaintext</c>: everything to the end is text.</summary>
    PlainText,

    /// <summary>Inside <c>title</c> or <c>textarea</c>.</summary>
    RcData,

    /// <summary>Inside <c>style</c>, <c>xmp</c>, <c>iframe</c>, <c>noembed</c> or <c>noframes</c>.</summary>
    RawText,

    /// <summary>Inside <c>script</c>.</summary>
    ScriptData,

    /// <summary>Inside a <c>&lt;![CDATA[</c> section of foreign (SVG) content.</summary>
    CData,
}
