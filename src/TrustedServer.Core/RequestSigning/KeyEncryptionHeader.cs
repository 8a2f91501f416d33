using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// How the store's private keys are encrypted: the Argon2id salt and cost, and a check value sealed with the derived
/// key so a wrong passphrase is recognised even before any key is opened. Stored as the entry <c>kdf</c>.
/// </summary>
public sealed record KeyEncryptionHeader
{
    /// <summary>Always <c>argon2id</c>.</summary>
    [JsonPropertyName("alg")]
    public string Algorithm { get; init; } = "argon2id";

    /// <summary>16 random bytes, base64url.</summary>
    [JsonPropertyName("salt")]
    public required string Salt { get; init; }

    /// <summary>Argon2id memory in KiB.</summary>
    [JsonPropertyName("memory_kib")]
    public long MemoryKib { get; init; }

    /// <summary>Argon2id passes.</summary>
    [JsonPropertyName("passes")]
    public long Passes { get; init; }

    /// <summary>A constant sealed with the derived key.</summary>
    [JsonPropertyName("check")]
    public required string Check { get; init; }
}
