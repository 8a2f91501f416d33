using System.Text.Json.Serialization;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Source-generated JSON metadata for the identity store's stored shapes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IdentityRecord))]
[JsonSerializable(typeof(FileStoreLine))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
