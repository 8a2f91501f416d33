using NSec.Cryptography;

namespace TrustedServer.Core.RequestSigning;

/// <summary>Verifies Ed25519 signatures against published JWKs.</summary>
public static class SignatureVerifier
{
    /// <summary>
    /// Whether <paramref name="signature"/> (base64url or standard base64) is a valid Ed25519 signature of
    /// <paramref name="payload"/> under <paramref name="jwk"/>. Malformed input is simply not valid.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> payload, string? signature, Jwk jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (jwk.PublicKeyBytes() is not { } raw || !Base64Text.TryDecode(signature, out var bytes) || bytes.Length != 64)
        {
            return false;
        }

        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key)
            && SignatureAlgorithm.Ed25519.Verify(key!, payload, bytes);
    }
}
