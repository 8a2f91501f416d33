using TrustedServer.Core.Auction;

namespace TrustedServer.Core.Configuration;

/// <summary>One <c>[[creative_opportunities.slot]]</c>: where it appears, its sizes and its ad unit.</summary>
public sealed record CreativeSlotOptions
{
    /// <summary><c>id</c>: the slot id (the auction's impression id), unique.</summary>
    public required string Id { get; init; }

    /// <summary><c>gam_unit_path</c>: a template with <c>{network_id}</c>, <c>{slot_id}</c>, <c>{section}</c>; null for <c>/network/id</c>.</summary>
    public string? GamUnitPath { get; init; }

    /// <summary><c>div_id</c>: the element the ad goes into (defaults to the id).</summary>
    public required string DivId { get; init; }

    /// <summary><c>page_patterns</c>: path globs; <c>*</c> matches any run of characters, so <c>/news/*</c> does not match <c>/news</c>.</summary>
    public IReadOnlyList<string> PagePatterns { get; init; } = [];

    /// <summary><c>formats</c>: the sizes, at least one.</summary>
    public IReadOnlyList<AdFormat> Formats { get; init; } = [];

    /// <summary><c>floor_price</c>: the lowest CPM that may win, or null.</summary>
    public double? FloorPrice { get; init; }

    /// <summary><c>targeting</c>: key-values given to the ad server with the slot.</summary>
    public IReadOnlyDictionary<string, string> Targeting { get; init; } = new Dictionary<string, string>();

    /// <summary><c>providers</c>: the auction providers whose bids may win this slot; empty for all.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];
}
