using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Delivery;

namespace TrustedServer.Hosting.Delivery;

/// <summary>
/// What every proxy that fetches with its own <see cref="HttpClient"/> (first-party and integration routes) does with
/// the answer before delivery: which headers it passes on, and the delivery decision for the body.
/// </summary>
internal static class UpstreamResponse
{
    // Connection-level headers, and what would let a third party set state on the publisher's host.
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie, HeaderNames.StrictTransportSecurity, "Clear-Site-Data", HeaderNames.Connection,
        HeaderNames.TransferEncoding, HeaderNames.KeepAlive, HeaderNames.ProxyAuthenticate, HeaderNames.Trailer,
        HeaderNames.Upgrade, "Alt-Svc",
    };

    /// <summary>Copies the answer's headers except the dropped ones (and, with <paramref name="dropCors"/>, CORS headers).</summary>
    public static void CopyHeaders(System.Net.Http.Headers.HttpHeaders headers, HttpResponse response, bool dropCors)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (DroppedHeaders.Contains(name) || (dropCors && name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            response.Headers[name] = values.ToArray();
        }
    }

    /// <summary>The delivery decision for the answer's body (no HTML post-processing on these routes).</summary>
    public static DeliveryDecision Decide(HttpContext context, HttpContent content) =>
        DeliveryPolicy.Decide(new DeliveryRequest(
            context.Request.Method,
            context.Response.StatusCode,
            content.Headers.ContentType?.ToString(),
            content.Headers.ContentEncoding.Count > 0 ? string.Join(", ", content.Headers.ContentEncoding) : null,
            HasHtmlPostProcessors: false));
}
