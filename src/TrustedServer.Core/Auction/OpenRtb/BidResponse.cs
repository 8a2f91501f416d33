using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The OpenRTB 2.x bid response. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
/// <remarks>Settable rather than init-only: the source-generated reader fills init-only properties through a constructor
/// path that boxes every number and allocates an argument array per object, and a provider answer holds many of these.</remarks>
public sealed record BidResponse
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary><c>seatbid</c>.</summary>
    public IReadOnlyList<SeatBid>? Seatbid { get; set; }

    /// <summary><c>bidid</c>.</summary>
    public string? Bidid { get; set; }

    /// <summary><c>cur</c>.</summary>
    public string? Cur { get; set; }

    /// <summary><c>customdata</c>.</summary>
    public string? Customdata { get; set; }

    /// <summary><c>nbr</c>.</summary>
    public int? Nbr { get; set; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; set; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
