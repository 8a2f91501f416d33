using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>The discovery document at <c>/.well-known/trusted-server.json</c>: <c>{"version":"1.0","jwks":{"keys":[…]}}</c>.</summary>
public sealed record JwksDocument
{
    /// <summary>The discovery format version.</summary>
    [JsonPropertyName("version")]
    public string Version { get; init; } = "1.0";

    /// <summary>The key set.</summary>
    [JsonPropertyName("jwks")]
    public required JwkSet Jwks { get; init; }
}
