using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>A JSON Web Key Set: <c>{"keys":[…]}</c>.</summary>
public sealed record JwkSet
{
    /// <summary>One JWK per active kid, in the order of <c>active-kids</c>.</summary>
    [JsonPropertyName("keys")]
    public required IReadOnlyList<Jwk> Keys { get; init; }
}
