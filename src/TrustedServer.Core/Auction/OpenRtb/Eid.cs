using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>An extended identifier: one source and its user IDs. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Eid
{
    /// <summary><c>source</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary><c>uids</c>.</summary>
    public IReadOnlyList<Uid> Uids { get; init; } = [];

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
