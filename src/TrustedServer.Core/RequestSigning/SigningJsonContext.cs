using System.Text.Json.Serialization;

namespace TrustedServer.Core.RequestSigning;

/// <summary>Source-generated JSON for the signing model and the stored entries.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Jwk))]
[JsonSerializable(typeof(JwksDocument))]
[JsonSerializable(typeof(KeyEncryptionHeader))]
[JsonSerializable(typeof(FileKeyStoreDocument))]
internal sealed partial class SigningJsonContext : JsonSerializerContext;
