using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>A location. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Geo
{
    /// <summary><c>lat</c>.</summary>
    public double? Lat { get; init; }

    /// <summary><c>lon</c>.</summary>
    public double? Lon { get; init; }

    /// <summary><c>type</c>.</summary>
    public int? Type { get; init; }

    /// <summary><c>country</c>.</summary>
    public string? Country { get; init; }

    /// <summary><c>region</c>.</summary>
    public string? Region { get; init; }

    /// <summary><c>metro</c>.</summary>
    public string? Metro { get; init; }

    /// <summary><c>city</c>.</summary>
    public string? City { get; init; }

    /// <summary><c>zip</c>.</summary>
    public string? Zip { get; init; }

    /// <summary><c>utcoffset</c>.</summary>
    public int? Utcoffset { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
