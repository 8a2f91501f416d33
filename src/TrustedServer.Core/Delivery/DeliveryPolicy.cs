using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Delivery;

/// <summary>
/// The delivery-mode decision: a pure function of the request method and the origin's status line and headers,
/// evaluated before any byte reaches the client. Rules are tried in order; the first that matches wins.
/// </summary>
public static class DeliveryPolicy
{
    /// <summary>Chooses the delivery mode for one origin response.</summary>
    public static DeliveryDecision Decide(DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = MediaTypes.Classify(request.ContentType);
        var status = request.Status;

        if (IsBodiless(request.Method, status))
        {
            return DeliveryDecision.BodilessResponse(kind);
        }

        var codingKnown = BodyCodecs.TryParse(request.ContentEncoding, out var coding);
        var processable = kind != ContentKind.Binary && (kind != ContentKind.Flight || request.RewritesFlight);
        var charsetOk = MediaTypes.IsAsciiCompatibleCharset(request.ContentType);
        var rewritable = processable && codingKnown && charsetOk;
        ContentCoding? usableCoding = codingKnown ? coding : null;

        if (status is < 200 or > 299)
        {
            return DeliveryDecision.Buffered(kind, usableCoding, rewritable, rewritable ? "non-2xx, rewritable" : "non-2xx, unmodified");
        }

        if (status == 206)
        {
            return DeliveryDecision.PassThrough(kind, usableCoding, "partial content");
        }

        if (!processable)
        {
            return DeliveryDecision.PassThrough(kind, usableCoding, "not processable");
        }

        if (!codingKnown)
        {
            return DeliveryDecision.PassThrough(kind, coding: null, "unsupported or stacked content-encoding", warning: true);
        }

        if (!charsetOk)
        {
            return DeliveryDecision.PassThrough(kind, usableCoding, "charset not ASCII-compatible", warning: true);
        }

        if (kind == ContentKind.Html && request.HasHtmlPostProcessors)
        {
            return DeliveryDecision.BufferedForPostProcessing(kind, usableCoding, "html with post-processors");
        }

        return DeliveryDecision.Stream(kind, usableCoding, "processable");
    }

    /// <summary>True when a response to <paramref name="method"/> with <paramref name="status"/> never carries a body.</summary>
    public static bool IsBodiless(string method, int status) =>
        string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase)
        || status is >= 100 and < 200 or 204 or 205 or 304;
}
