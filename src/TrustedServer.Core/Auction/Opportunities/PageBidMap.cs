using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// The page's bid map: one <see cref="PageBid"/> per slot with a deliverable winner. <c>hb_adid</c> is the Prebid
/// Cache id, else the renderer's bid id, else the ad id, else the bid id (at most 40 characters). Markup has its price
/// macro expanded and goes through the same processing as <c>POST /auction</c>'s; a winner whose markup that
/// processing rejects, with no renderer, is left out, and Prebid Cache coordinates are given only to a bid that
/// brought no markup of its own (so processed or refused markup can never be fetched raw).
/// </summary>
public static class PageBidMap
{
    /// <summary>The longest <c>hb_adid</c>.</summary>
    public const int MaxAdIdLength = 40;

    /// <summary>Builds the map from <paramref name="result"/>'s winners, in slot order.</summary>
    public static IReadOnlyList<PageBid> Build(AuctionResult result, string auctionId, PriceGranularity granularity, Func<string, string?>? processCreative)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(auctionId);
        var bids = new List<PageBid>(result.Winners.Count);
        foreach (var winner in result.Winners)
        {
            if (winner.Price is not { } price || !double.IsFinite(price) || price <= 0)
            {
                continue;
            }

            string? adm = null;
            if (winner.Creative is { } markup)
            {
                adm = AuctionResponseWriter.ExpandPrice(markup, price);
                adm = adm.Length > AuctionResponseWriter.MaxCreativeChars ? null : processCreative is null ? adm : processCreative(adm);
                if (adm is null && winner.Renderer is null)
                {
                    continue;
                }
            }

            var cacheUrl = winner.Creative is null ? CacheUrl(winner.Metadata) : null;
            if (adm is null && winner.Renderer is null && cacheUrl is null)
            {
                continue;
            }

            bids.Add(new PageBid
            {
                SlotId = winner.SlotId,
                PriceBucket = PriceBuckets.Bucket(price, granularity),
                Bidder = winner.Bidder,
                AdId = AdId(winner),
                AuctionId = auctionId,
                Width = winner.Width,
                Height = winner.Height,
                Nurl = winner.Nurl is { } n ? AuctionResponseWriter.ExpandPrice(n, price) : null,
                Burl = winner.Burl is { } b ? AuctionResponseWriter.ExpandPrice(b, price) : null,
                Adm = winner.Renderer is null ? adm : null,
                Renderer = winner.Renderer,
                CacheHost = cacheUrl?.Authority,
                CachePath = cacheUrl?.AbsolutePath,
            });
        }

        return bids;
    }

    /// <summary>The <c>hb_adid</c> of a winner.</summary>
    public static string AdId(AuctionBid winner)
    {
        ArgumentNullException.ThrowIfNull(winner);
        var id = Text(winner.Metadata?["cache_id"])
            ?? (winner.Renderer?.BidId is { Length: > 0 } bidId ? bidId : null)
            ?? winner.Adid
            ?? winner.BidId
            ?? $"{winner.Bidder}-{winner.SlotId}";
        return id.Length > MaxAdIdLength ? id[..MaxAdIdLength] : id;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static Uri? CacheUrl(JsonObject? metadata) =>
        Text(metadata?["cache_url"]) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
}
