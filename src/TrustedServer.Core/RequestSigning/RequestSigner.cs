namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// Signs outgoing bid requests with the current key of a <see cref="KeyRing"/>. Synchronous and lock-free: the key
/// was opened when the ring last refreshed.
/// </summary>
public sealed class RequestSigner(KeyRing ring, TimeProvider timeProvider)
{
    /// <summary>Raised after each signature (for metrics), with the kid.</summary>
    public event Action<string>? Signed;

    /// <summary>
    /// The signature of request <paramref name="requestId"/> for <paramref name="host"/> over <paramref name="scheme"/>,
    /// timestamped now; null when the store has no usable current key (the request then goes unsigned).
    /// </summary>
    public SignedRequest? Sign(string requestId, string host, string scheme = "https")
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(scheme);
        if (ring.Current.SigningKey is not { } key)
        {
            return null;
        }

        var ts = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var payload = SigningPayload.Build(key.Kid, host, scheme, requestId, ts);
        var signature = key.Sign(payload);
        Signed?.Invoke(key.Kid);
        return new SignedRequest(SigningPayload.Version, signature, key.Kid, host, scheme, ts, payload);
    }

    /// <summary>Verifies <paramref name="signature"/> of <paramref name="payload"/> under the active key <paramref name="kid"/>.</summary>
    public VerificationOutcome Verify(ReadOnlySpan<byte> payload, string? signature, string? kid)
    {
        if (kid is null || !ring.Current.VerificationKeys.TryGetValue(kid, out var key))
        {
            return VerificationOutcome.UnknownKid;
        }

        Span<byte> bytes = stackalloc byte[64];
        if (!Base64Text.TryDecode(signature, bytes, out var written) || written != 64)
        {
            return VerificationOutcome.Invalid;
        }

        return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(key, payload, bytes) ? VerificationOutcome.Verified : VerificationOutcome.Invalid;
    }
}
