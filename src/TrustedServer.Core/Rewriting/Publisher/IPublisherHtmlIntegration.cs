using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// What an integration adds to proxied HTML pages: markup prepended to <c>&lt;head&gt;</c> (once per page, with the
/// Trusted Server script tag) and markup placed at the structural <c>&lt;/body&gt;</c> end tag (found by the
/// tokenizer, never by a byte search, so a <c>"&lt;/body&gt;"</c> inside a script is not it).
/// </summary>
public interface IPublisherHtmlIntegration
{
    /// <summary>HTML to insert in <c>&lt;head&gt;</c> before the Trusted Server script tag, or null.</summary>
    string? HeadInserts(PublisherDocument document);

    /// <summary>Called at the page's <c>&lt;/body&gt;</c> end tag; insert with <see cref="HtmlEndTag.Before"/>.</summary>
    void OnBodyEnd(HtmlEndTag bodyEnd, PublisherDocument document);
}
