
namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>The winning bid of one slot as the page gets it (the GAM <c>hb_*</c> key-values and what renders it).</summary>
public sealed record PageBid
{
    /// <summary>The slot id (the bid map's key).</summary>
    public required string SlotId { get; init; }

    /// <summary><c>hb_pb</c>: the price bucket.</summary>
    public required string PriceBucket { get; init; }

    /// <summary><c>hb_bidder</c>.</summary>
    public required string Bidder { get; init; }

    /// <summary><c>hb_adid</c>: at most 40 characters.</summary>
    public required string AdId { get; init; }

    /// <summary><c>hb_auction_id</c>.</summary>
    public required string AuctionId { get; init; }

    /// <summary><c>w</c>.</summary>
    public int Width { get; init; }

    /// <summary><c>h</c>.</summary>
    public int Height { get; init; }

    /// <summary><c>nurl</c>, price macro expanded.</summary>
    public string? Nurl { get; init; }

    /// <summary><c>burl</c>, price macro expanded.</summary>
    public string? Burl { get; init; }

    /// <summary><c>adm</c>, processed as <c>POST /auction</c>'s creatives are.</summary>
    public string? Adm { get; init; }

    /// <summary><c>renderer</c>: a typed renderer instead of markup.</summary>
    public CreativeRenderer? Renderer { get; init; }

    /// <summary><c>hb_cache_host</c>: only for a bid without markup of its own.</summary>
    public string? CacheHost { get; init; }

    /// <summary><c>hb_cache_path</c>: only for a bid without markup of its own.</summary>
    public string? CachePath { get; init; }
}
