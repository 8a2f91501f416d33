using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>One bid on one impression. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
/// <remarks>Settable rather than init-only: the source-generated reader fills init-only properties through a constructor
/// path that boxes every number and allocates an argument array per object, and a provider answer holds many of these.</remarks>
public sealed record Bid
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary><c>impid</c>.</summary>
    public string Impid { get; set; } = string.Empty;

    /// <summary><c>price</c>.</summary>
    public double? Price { get; set; }

    /// <summary><c>nurl</c>.</summary>
    public string? Nurl { get; set; }

    /// <summary><c>burl</c>.</summary>
    public string? Burl { get; set; }

    /// <summary><c>lurl</c>.</summary>
    public string? Lurl { get; set; }

    /// <summary><c>adm</c>.</summary>
    public string? Adm { get; set; }

    /// <summary><c>adid</c>.</summary>
    public string? Adid { get; set; }

    /// <summary><c>adomain</c>.</summary>
    public IReadOnlyList<string>? Adomain { get; set; }

    /// <summary><c>bundle</c>.</summary>
    public string? Bundle { get; set; }

    /// <summary><c>iurl</c>.</summary>
    public string? Iurl { get; set; }

    /// <summary><c>cid</c>.</summary>
    public string? Cid { get; set; }

    /// <summary><c>crid</c>.</summary>
    public string? Crid { get; set; }

    /// <summary><c>tactic</c>.</summary>
    public string? Tactic { get; set; }

    /// <summary><c>cat</c>.</summary>
    public IReadOnlyList<string>? Cat { get; set; }

    /// <summary><c>attr</c>.</summary>
    public IReadOnlyList<int>? Attr { get; set; }

    /// <summary><c>api</c>.</summary>
    public int? Api { get; set; }

    /// <summary><c>protocol</c>.</summary>
    public int? Protocol { get; set; }

    /// <summary><c>qagmediarating</c>.</summary>
    public int? Qagmediarating { get; set; }

    /// <summary><c>language</c>.</summary>
    public string? Language { get; set; }

    /// <summary><c>dealid</c>.</summary>
    public string? Dealid { get; set; }

    /// <summary><c>w</c>.</summary>
    public int? W { get; set; }

    /// <summary><c>h</c>.</summary>
    public int? H { get; set; }

    /// <summary><c>wratio</c>.</summary>
    public int? Wratio { get; set; }

    /// <summary><c>hratio</c>.</summary>
    public int? Hratio { get; set; }

    /// <summary><c>exp</c>.</summary>
    public int? Exp { get; set; }

    /// <summary><c>mtype</c>.</summary>
    public int? Mtype { get; set; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; set; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
