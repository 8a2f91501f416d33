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
}
