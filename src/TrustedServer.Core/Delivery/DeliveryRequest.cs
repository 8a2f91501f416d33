namespace TrustedServer.Core.Delivery;

/// <summary>What the delivery decision looks at: the request method and the origin's status line and headers.</summary>
/// <param name="Method">The client's request method.</param>
/// <param name="Status">The origin's status code.</param>
/// <param name="ContentType">The origin's <c>Content-Type</c>, if any.</param>
/// <param name="ContentEncoding">The origin's <c>Content-Encoding</c> values joined with commas, if any.</param>
/// <param name="HasHtmlPostProcessors">Whether an enabled integration registered a full-document HTML post-processor.</param>
/// <param name="RewritesFlight">Whether an enabled integration rewrites <c>text/x-component</c> (Flight) bodies.</param>
public sealed record DeliveryRequest(
    string Method,
    int Status,
    string? ContentType,
    string? ContentEncoding,
    bool HasHtmlPostProcessors = false,
    bool RewritesFlight = false);
