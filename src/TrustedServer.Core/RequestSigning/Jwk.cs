using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>An Ed25519 public key as a JSON Web Key (RFC 8037): <c>{kty, crv, x, kid, alg}</c>.</summary>
public sealed record Jwk
{
    /// <summary>Always <c>OKP</c>.</summary>
    [JsonPropertyName("kty")]
    public string Kty { get; init; } = "OKP";

    /// <summary>Always <c>Ed25519</c>.</summary>
    [JsonPropertyName("crv")]
    public string Crv { get; init; } = "Ed25519";

    /// <summary>The 32-byte public key, base64url without padding.</summary>
    [JsonPropertyName("x")]
    public required string X { get; init; }

    /// <summary>The key identifier.</summary>
    [JsonPropertyName("kid")]
    public required string Kid { get; init; }

    /// <summary>Always <c>EdDSA</c>.</summary>
    [JsonPropertyName("alg")]
    public string Alg { get; init; } = "EdDSA";

    /// <summary>The raw public key, or null when this is not a well-formed Ed25519 JWK.</summary>
    public byte[]? PublicKeyBytes() =>
        Kty == "OKP" && Crv == "Ed25519" && Base64Text.TryDecode(X, out var bytes) && bytes.Length == 32 ? bytes : null;
}
