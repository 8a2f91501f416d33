namespace TrustedServer.Core.Delivery;

/// <summary>The family of a response body, from its media type; everything but <see cref="Binary"/> is processable.</summary>
public enum ContentKind
{
    /// <summary>Images, fonts, media, archives, unknown or missing types: never rewritten.</summary>
    Binary,

    /// <summary><c>text/html</c>, <c>application/xhtml+xml</c>.</summary>
    Html,

    /// <summary><c>text/css</c>.</summary>
    Css,

    /// <summary>JavaScript media types.</summary>
    JavaScript,

    /// <summary><c>application/json</c> and <c>*/*+json</c>.</summary>
    Json,

    /// <summary><c>text/xml</c>, <c>application/xml</c> and <c>*/*+xml</c> (RSS, Atom, SVG).</summary>
    Xml,

    /// <summary><c>text/plain</c>.</summary>
    Text,

    /// <summary>
    /// <c>text/x-component</c>: a React Server Components (Flight) stream. Processable only when an integration
    /// rewrites it (<see cref="DeliveryRequest.RewritesFlight"/>); otherwise it passes through like a binary body.
    /// </summary>
    Flight,
}
