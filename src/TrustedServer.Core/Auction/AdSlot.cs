using System.Text.Json;

namespace TrustedServer.Core.Auction;

/// <summary>One ad slot (a Prebid.js ad unit): its sizes, floor, zone and per-bidder params.</summary>
public sealed record AdSlot
{
    /// <summary>The ad unit's <c>code</c>; the OpenRTB <c>imp.id</c> and <c>tagid</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The banner sizes, in the request's order.</summary>
    public required IReadOnlyList<AdFormat> Formats { get; init; }

    /// <summary>The lowest CPM (USD) a winner may have, or null.</summary>
    public double? FloorPrice { get; init; }

    /// <summary>The zone (<c>mediaTypes.banner.name</c>) the override rules match on, or null.</summary>
    public string? Zone { get; init; }

    /// <summary>The bidders named by the ad unit, each with its params (a JSON object), in the request's order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonElement>> Bidders { get; init; } = [];
}
