using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The OpenRTB 2.x bid response. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record BidResponse
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary><c>seatbid</c>.</summary>
    public IReadOnlyList<SeatBid>? Seatbid { get; init; }

    /// <summary><c>bidid</c>.</summary>
    public string? Bidid { get; init; }

    /// <summary><c>cur</c>.</summary>
    public string? Cur { get; init; }

    /// <summary><c>customdata</c>.</summary>
    public string? Customdata { get; init; }

    /// <summary><c>nbr</c>.</summary>
    public int? Nbr { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
