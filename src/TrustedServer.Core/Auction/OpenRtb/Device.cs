using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The visitor's device. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Device
{
    /// <summary><c>ua</c>.</summary>
    public string? Ua { get; init; }

    /// <summary><c>geo</c>.</summary>
    public Geo? Geo { get; init; }

    /// <summary><c>dnt</c>.</summary>
    public int? Dnt { get; init; }

    /// <summary><c>lmt</c>.</summary>
    public int? Lmt { get; init; }

    /// <summary><c>ip</c>.</summary>
    public string? Ip { get; init; }

    /// <summary><c>ipv6</c>.</summary>
    public string? Ipv6 { get; init; }

    /// <summary><c>devicetype</c>.</summary>
    public int? Devicetype { get; init; }

    /// <summary><c>make</c>.</summary>
    public string? Make { get; init; }

    /// <summary><c>model</c>.</summary>
    public string? Model { get; init; }

    /// <summary><c>os</c>.</summary>
    public string? Os { get; init; }

    /// <summary><c>osv</c>.</summary>
    public string? Osv { get; init; }

    /// <summary><c>js</c>.</summary>
    public int? Js { get; init; }

    /// <summary><c>language</c>.</summary>
    public string? Language { get; init; }

    /// <summary><c>carrier</c>.</summary>
    public string? Carrier { get; init; }

    /// <summary><c>connectiontype</c>.</summary>
    public int? Connectiontype { get; init; }

    /// <summary><c>ifa</c>.</summary>
    public string? Ifa { get; init; }

    /// <summary><c>w</c>.</summary>
    public int? W { get; init; }

    /// <summary><c>h</c>.</summary>
    public int? H { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
