using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>One impression: an ad slot offered for bidding. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Imp
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary><c>banner</c>.</summary>
    public Banner? Banner { get; init; }

    /// <summary><c>tagid</c>.</summary>
    public string? Tagid { get; init; }

    /// <summary><c>bidfloor</c>.</summary>
    public double? Bidfloor { get; init; }

    /// <summary><c>bidfloorcur</c>.</summary>
    public string? Bidfloorcur { get; init; }

    /// <summary><c>secure</c>.</summary>
    public int? Secure { get; init; }

    /// <summary><c>instl</c>.</summary>
    public int? Instl { get; init; }

    /// <summary><c>exp</c>.</summary>
    public int? Exp { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
