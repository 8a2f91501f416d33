using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The bids of one seat. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record SeatBid
{
    /// <summary><c>bid</c>.</summary>
    public IReadOnlyList<Bid> Bid { get; init; } = [];

    /// <summary><c>seat</c>.</summary>
    public string? Seat { get; init; }

    /// <summary><c>group</c>.</summary>
    public int? Group { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
