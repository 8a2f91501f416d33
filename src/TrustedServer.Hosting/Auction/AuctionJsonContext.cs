using System.Text.Json.Serialization;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Hosting.Auction;

/// <summary>Source-generated JSON for the auction endpoint's own documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<Eid>))]
[JsonSerializable(typeof(AuctionError))]
internal sealed partial class AuctionJsonContext : JsonSerializerContext;
