namespace TrustedServer.Core.Rewriting.Html;

/// <summary>How inserted content is written.</summary>
public enum HtmlContentType : byte
{
    /// <summary>Markup, written as given.</summary>
    Html,

    /// <summary>Text: <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> are escaped, except inside raw-text elements
    /// (<c>script</c>, <c>style</c>, ...) where text is written as given.</summary>
    Text,
}
