using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>The OpenRTB 2.6 bid request (the top-level object). Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record BidRequest
{
    /// <summary><c>id</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary><c>imp</c>.</summary>
    public IReadOnlyList<Imp> Imp { get; init; } = [];

    /// <summary><c>site</c>.</summary>
    public Site? Site { get; init; }

    /// <summary><c>device</c>.</summary>
    public Device? Device { get; init; }

    /// <summary><c>user</c>.</summary>
    public User? User { get; init; }

    /// <summary><c>test</c>.</summary>
    public int? Test { get; init; }

    /// <summary><c>at</c>.</summary>
    public int? At { get; init; }

    /// <summary><c>tmax</c>.</summary>
    public int? Tmax { get; init; }

    /// <summary><c>wseat</c>.</summary>
    public IReadOnlyList<string>? Wseat { get; init; }

    /// <summary><c>bseat</c>.</summary>
    public IReadOnlyList<string>? Bseat { get; init; }

    /// <summary><c>allimps</c>.</summary>
    public int? Allimps { get; init; }

    /// <summary><c>cur</c>.</summary>
    public IReadOnlyList<string>? Cur { get; init; }

    /// <summary><c>wlang</c>.</summary>
    public IReadOnlyList<string>? Wlang { get; init; }

    /// <summary><c>bcat</c>.</summary>
    public IReadOnlyList<string>? Bcat { get; init; }

    /// <summary><c>badv</c>.</summary>
    public IReadOnlyList<string>? Badv { get; init; }

    /// <summary><c>bapp</c>.</summary>
    public IReadOnlyList<string>? Bapp { get; init; }

    /// <summary><c>source</c>.</summary>
    public Source? Source { get; init; }

    /// <summary><c>regs</c>.</summary>
    public Regs? Regs { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
