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
            return new(DeliveryMode.Buffered, Bodiless: true, kind, Coding: null, Rewritable: false, PostProcess: false,
                Warning: false, Reason: "bodiless");
        }

        var codingKnown = BodyCodecs.TryParse(request.ContentEncoding, out var coding);
        var processable = kind != ContentKind.Binary;
        var charsetOk = MediaTypes.IsAsciiCompatibleCharset(request.ContentType);
        var rewritable = processable && codingKnown && charsetOk;
        ContentCoding? usableCoding = codingKnown ? coding : null;

        if (status is < 200 or > 299)
        {
            return new(DeliveryMode.Buffered, false, kind, usableCoding, rewritable, PostProcess: false, Warning: false,
                rewritable ? "non-2xx, rewritable" : "non-2xx, unmodified");
        }

        if (status == 206)
        {
            return new(DeliveryMode.PassThrough, false, kind, usableCoding, Rewritable: false, false, false, "partial content");
        }

        if (!processable)
        {
            return new(DeliveryMode.PassThrough, false, kind, usableCoding, false, false, false, "not processable");
        }

        if (!codingKnown)
        {
            return new(DeliveryMode.PassThrough, false, kind, null, false, false, Warning: true,
                "unsupported or stacked content-encoding");
        }

        if (!charsetOk)
        {
            return new(DeliveryMode.PassThrough, false, kind, usableCoding, false, false, Warning: true,
                "charset not ASCII-compatible");
        }

        if (kind == ContentKind.Html && request.HasHtmlPostProcessors)
        {
            return new(DeliveryMode.Buffered, false, kind, usableCoding, Rewritable: true, PostProcess: true, false,
                "html with post-processors");
        }

        return new(DeliveryMode.Stream, false, kind, usableCoding, Rewritable: true, false, false, "processable");
    }

    /// <summary>True when a response to <paramref name="method"/> with <paramref name="status"/> never carries a body.</summary>
    public static bool IsBodiless(string method, int status) =>
        string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase)
        || status is >= 100 and < 200 or 204 or 205 or 304;
}
