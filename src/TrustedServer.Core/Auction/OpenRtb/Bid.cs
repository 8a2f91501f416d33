using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>One bid on one impression. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Bid
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary><c>impid</c>.</summary>
    public string Impid { get; init; } = string.Empty;

    /// <summary><c>price</c>.</summary>
    public double? Price { get; init; }

    /// <summary><c>nurl</c>.</summary>
    public string? Nurl { get; init; }

    /// <summary><c>burl</c>.</summary>
    public string? Burl { get; init; }

    /// <summary><c>lurl</c>.</summary>
    public string? Lurl { get; init; }

    /// <summary><c>adm</c>.</summary>
    public string? Adm { get; init; }

    /// <summary><c>adid</c>.</summary>
    public string? Adid { get; init; }

    /// <summary><c>adomain</c>.</summary>
    public IReadOnlyList<string>? Adomain { get; init; }

    /// <summary><c>bundle</c>.</summary>
    public string? Bundle { get; init; }

    /// <summary><c>iurl</c>.</summary>
    public string? Iurl { get; init; }

    /// <summary><c>cid</c>.</summary>
    public string? Cid { get; init; }

    /// <summary><c>crid</c>.</summary>
    public string? Crid { get; init; }

    /// <summary><c>tactic</c>.</summary>
    public string? Tactic { get; init; }

    /// <summary><c>cat</c>.</summary>
    public IReadOnlyList<string>? Cat { get; init; }

    /// <summary><c>attr</c>.</summary>
    public IReadOnlyList<int>? Attr { get; init; }

    /// <summary><c>api</c>.</summary>
    public int? Api { get; init; }

    /// <summary><c>protocol</c>.</summary>
    public int? Protocol { get; init; }

    /// <summary><c>qagmediarating</c>.</summary>
    public int? Qagmediarating { get; init; }

    /// <summary><c>language</c>.</summary>
    public string? Language { get; init; }

    /// <summary><c>dealid</c>.</summary>
    public string? Dealid { get; init; }

    /// <summary><c>w</c>.</summary>
    public int? W { get; init; }

    /// <summary><c>h</c>.</summary>
    public int? H { get; init; }

    /// <summary><c>wratio</c>.</summary>
    public int? Wratio { get; init; }

    /// <summary><c>hratio</c>.</summary>
    public int? Hratio { get; init; }

    /// <summary><c>exp</c>.</summary>
    public int? Exp { get; init; }

    /// <summary><c>mtype</c>.</summary>
    public int? Mtype { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
