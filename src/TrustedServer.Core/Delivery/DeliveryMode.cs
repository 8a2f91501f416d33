namespace TrustedServer.Core.Delivery;

/// <summary>How a proxied origin response reaches the client.</summary>
public enum DeliveryMode
{
    /// <summary>Decoded, transformed and re-encoded chunk by chunk; no <c>Content-Length</c>.</summary>
    Stream,

    /// <summary>The origin's bytes unchanged, with the origin's <c>Content-Length</c>.</summary>
    PassThrough,

    /// <summary>Read whole (up to a cap), transformed if possible, sent with an exact <c>Content-Length</c>.</summary>
    Buffered,
}
