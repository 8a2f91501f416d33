using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>Regulations that apply to the request. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Regs
{
    /// <summary><c>coppa</c>.</summary>
    public int? Coppa { get; init; }

    /// <summary><c>gdpr</c>.</summary>
    public int? Gdpr { get; init; }

    /// <summary><c>us_privacy</c>.</summary>
    public string? UsPrivacy { get; init; }

    /// <summary><c>gpp</c>.</summary>
    public string? Gpp { get; init; }

    /// <summary><c>gpp_sid</c>.</summary>
    public IReadOnlyList<int>? GppSid { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
