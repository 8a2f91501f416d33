using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The request's source and supply chain. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Source
{
    /// <summary><c>fd</c>.</summary>
    public int? Fd { get; init; }

    /// <summary><c>tid</c>.</summary>
    public string? Tid { get; init; }

    /// <summary><c>pchain</c>.</summary>
    public string? Pchain { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
