using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>One user ID of an <see cref="Eid"/>. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Uid
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary><c>atype</c>.</summary>
    public int? Atype { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
