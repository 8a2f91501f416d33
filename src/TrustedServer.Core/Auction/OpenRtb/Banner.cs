using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>A banner impression and its allowed sizes. Fields are named as in OpenRTB (snake case); fields this type does not name are kept in
/// <see cref="Extra"/>, so a document read and written again loses nothing.</summary>
public sealed record Banner
{
    /// <summary><c>format</c>.</summary>
    public IReadOnlyList<Format>? Format { get; init; }

    /// <summary><c>w</c>.</summary>
    public int? W { get; init; }

    /// <summary><c>h</c>.</summary>
    public int? H { get; init; }

    /// <summary><c>btype</c>.</summary>
    public IReadOnlyList<int>? Btype { get; init; }

    /// <summary><c>battr</c>.</summary>
    public IReadOnlyList<int>? Battr { get; init; }

    /// <summary><c>pos</c>.</summary>
    public int? Pos { get; init; }

    /// <summary><c>mimes</c>.</summary>
    public IReadOnlyList<string>? Mimes { get; init; }

    /// <summary><c>topframe</c>.</summary>
    public int? Topframe { get; init; }

    /// <summary><c>expdir</c>.</summary>
    public IReadOnlyList<int>? Expdir { get; init; }

    /// <summary><c>api</c>.</summary>
    public IReadOnlyList<int>? Api { get; init; }

    /// <summary><c>id</c>.</summary>
    public string? Id { get; init; }

    /// <summary><c>vcm</c>.</summary>
    public int? Vcm { get; init; }

    /// <summary><c>ext</c>: extensions.</summary>
    public JsonObject? Ext { get; init; }

    /// <summary>Fields not named above, kept as read.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
