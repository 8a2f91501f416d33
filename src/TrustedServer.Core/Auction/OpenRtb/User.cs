using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The visitor, as far as consent allows. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record User
{
    /// <summary><c>id</c>.</summary>
    public string? Id { get; init; }

    /// <summary><c>buyeruid</c>.</summary>
    public string? Buyeruid { get; init; }

    /// <summary><c>yob</c>.</summary>
    public int? Yob { get; init; }

    /// <summary><c>gender</c>.</summary>
    public string? Gender { get; init; }

    /// <summary><c>keywords</c>.</summary>
    public string? Keywords { get; init; }

    /// <summary><c>consent</c>.</summary>
    public string? Consent { get; init; }

    /// <summary><c>geo</c>.</summary>
    public Geo? Geo { get; init; }

    /// <summary><c>eids</c>.</summary>
    public IReadOnlyList<Eid>? Eids { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
