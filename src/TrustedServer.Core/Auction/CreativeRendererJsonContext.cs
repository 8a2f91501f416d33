using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction;

/// <summary>Source-generated JSON for <see cref="CreativeRenderer"/>: camel-case names, as the browser SDK reads them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CreativeRenderer))]
public sealed partial class CreativeRendererJsonContext : JsonSerializerContext;
