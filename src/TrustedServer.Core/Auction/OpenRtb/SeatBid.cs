using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The bids of one seat. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
/// <remarks>Settable rather than init-only: the source-generated reader fills init-only properties through a constructor
/// path that boxes every number and allocates an argument array per object, and a provider answer holds many of these.</remarks>
public sealed record SeatBid
{
    /// <summary><c>bid</c>.</summary>
    public IReadOnlyList<Bid> Bid { get; set; } = [];

    /// <summary><c>seat</c>.</summary>
    public string? Seat { get; set; }

    /// <summary><c>group</c>.</summary>
    public int? Group { get; set; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; set; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
