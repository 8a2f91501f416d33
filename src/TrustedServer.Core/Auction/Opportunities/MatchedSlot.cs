namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>A configured slot that matched one page, with its ad unit path rendered for that page.</summary>
public sealed record MatchedSlot
{
    /// <summary>The slot id.</summary>
    public required string Id { get; init; }

    /// <summary>The ad unit path for this page.</summary>
    public required string GamUnitPath { get; init; }

    /// <summary>The element the ad goes into.</summary>
    public required string DivId { get; init; }

    /// <summary>The sizes.</summary>
    public required IReadOnlyList<AdFormat> Formats { get; init; }

    /// <summary>The slot's key-values.</summary>
    public IReadOnlyDictionary<string, string> Targeting { get; init; } = new Dictionary<string, string>();

    /// <summary>The lowest CPM that may win, or null.</summary>
    public double? FloorPrice { get; init; }

    /// <summary>The providers whose bids may win; empty for all.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>The slot as the auction sees it.</summary>
    public AdSlot ToAdSlot() => new() { Id = Id, Formats = Formats, FloorPrice = FloorPrice };
}
