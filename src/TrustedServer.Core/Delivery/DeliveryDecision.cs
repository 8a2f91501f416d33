using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Delivery;

/// <summary>The outcome of <see cref="DeliveryPolicy.Decide"/>: one mode, and what the body handling needs to know.</summary>
/// <param name="Mode">The delivery mode.</param>
/// <param name="Bodiless">True for HEAD and 1xx/204/205/304: no body is sent whatever the mode.</param>
/// <param name="Kind">The body's content family.</param>
/// <param name="Coding">The parsed content coding when the body can be decoded and re-encoded; null otherwise.</param>
/// <param name="Rewritable">True when the body is processable, its coding is supported and its charset ASCII-compatible.</param>
/// <param name="PostProcess">True when the whole HTML document goes through the registered post-processors.</param>
/// <param name="Warning">True when a processable body is left untouched for a reason worth a warning log.</param>
/// <param name="Reason">Why this mode was chosen, for logs and tests.</param>
public sealed record DeliveryDecision(
    DeliveryMode Mode,
    bool Bodiless,
    ContentKind Kind,
    ContentCoding? Coding,
    bool Rewritable,
    bool PostProcess,
    bool Warning,
    string Reason)
{
    /// <summary>The mode to use when a Buffered body turns out larger than the cap: never truncate, never grow.</summary>
    public DeliveryMode OverCapFallback => Rewritable ? DeliveryMode.Stream : DeliveryMode.PassThrough;

    /// <summary>A response that never carries a body (HEAD, 1xx, 204, 205, 304): framed by the Buffered path, sends nothing.</summary>
    public static DeliveryDecision BodilessResponse(ContentKind kind) =>
        new(DeliveryMode.Buffered, Bodiless: true, kind, Coding: null, Rewritable: false, PostProcess: false, Warning: false, "bodiless");

    /// <summary>Read whole up to the cap, rewritten when <paramref name="rewritable"/>, sent with an exact length.</summary>
    public static DeliveryDecision Buffered(ContentKind kind, ContentCoding? coding, bool rewritable, string reason) =>
        new(DeliveryMode.Buffered, Bodiless: false, kind, coding, rewritable, PostProcess: false, Warning: false, reason);

    /// <summary>A whole HTML document buffered for the registered post-processors.</summary>
    public static DeliveryDecision BufferedForPostProcessing(ContentKind kind, ContentCoding? coding, string reason) =>
        new(DeliveryMode.Buffered, Bodiless: false, kind, coding, Rewritable: true, PostProcess: true, Warning: false, reason);

    /// <summary>The origin's bytes as they are; <paramref name="warning"/> when a processable body is left untouched.</summary>
    public static DeliveryDecision PassThrough(ContentKind kind, ContentCoding? coding, string reason, bool warning = false) =>
        new(DeliveryMode.PassThrough, Bodiless: false, kind, coding, Rewritable: false, PostProcess: false, warning, reason);

    /// <summary>Decoded, rewritten and re-encoded chunk by chunk.</summary>
    public static DeliveryDecision Stream(ContentKind kind, ContentCoding? coding, string reason) =>
        new(DeliveryMode.Stream, Bodiless: false, kind, coding, Rewritable: true, PostProcess: false, Warning: false, reason);
}
