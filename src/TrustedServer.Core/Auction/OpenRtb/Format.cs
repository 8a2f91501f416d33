using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>One allowed banner size. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Format
{
    /// <summary><c>w</c>.</summary>
    public int? W { get; init; }

    /// <summary><c>h</c>.</summary>
    public int? H { get; init; }

    /// <summary><c>wratio</c>.</summary>
    public int? Wratio { get; init; }

    /// <summary><c>hratio</c>.</summary>
    public int? Hratio { get; init; }

    /// <summary><c>wmin</c>.</summary>
    public int? Wmin { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
