using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>Turns Prebid Server's OpenRTB answer into provider-neutral bids with the exchange's facts as metadata.</summary>
internal static class PrebidResponseParser
{
    /// <exception cref="ProviderException">The answer is not an OpenRTB bid response.</exception>
    public static ProviderResult Parse(ReadOnlySpan<byte> body, AuctionRequest request, PrebidOptions options, string provider)
    {
        if (BidResponseReader.Read(body) is not { } response)
        {
            return ProviderResult.Empty;
        }

        var bids = new List<AuctionBid>();
        foreach (var seat in response.Seatbid ?? [])
        {
            var seatName = string.IsNullOrEmpty(seat.Seat) ? provider : seat.Seat;
            var suppress = options.SuppressNurl || options.SuppressNurlBidders.Contains(seatName, StringComparer.Ordinal);
            foreach (var bid in seat.Bid ?? [])
            {
                if (bid is null || WinnerSelection.IndexOf(request.Slots, bid.Impid) < 0)
                {
                    continue;
                }

                bids.Add(new AuctionBid
                {
                    SlotId = bid.Impid,
                    Price = bid.Price is { } p && double.IsFinite(p) ? p : null,
                    Bidder = seatName,
                    Provider = provider,
                    BidId = string.IsNullOrEmpty(bid.Id) ? null : bid.Id,
                    Creative = bid.Adm,
                    Width = bid.W ?? 0,
                    Height = bid.H ?? 0,
                    Adomain = bid.Adomain,
                    Nurl = suppress ? null : bid.Nurl,
                    Burl = suppress ? null : bid.Burl,
                    Crid = bid.Crid,
                    Adid = bid.Adid,
                    Metadata = CacheIds(bid.Ext),
                });
            }
        }

        return new ProviderResult(bids, Metadata(response.Ext));
    }

    /// <summary>The Prebid Cache ids of a bid (<c>ext.prebid.cache.bids.cacheId</c>, <c>vastXml.cacheId</c>).</summary>
    private static JsonObject? CacheIds(JsonObject? ext)
    {
        if (ext?["prebid"]?["cache"] is not JsonObject cache)
        {
            return null;
        }

        var result = new JsonObject();
        if (cache["bids"]?["cacheId"] is JsonValue bids)
        {
            result["cache_id"] = bids.DeepClone();
        }

        if (cache["bids"]?["url"] is JsonValue url)
        {
            result["cache_url"] = url.DeepClone();
        }

        if (cache["vastXml"]?["cacheId"] is JsonValue vast)
        {
            result["vast_cache_id"] = vast.DeepClone();
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Per-bidder <c>responsetimemillis</c>, <c>errors</c> and <c>warnings</c>, and debug data when present.</summary>
    private static JsonObject? Metadata(JsonObject? ext)
    {
        if (ext is null)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var key in (ReadOnlySpan<string>)["responsetimemillis", "errors", "warnings", "debug"])
        {
            if (ext[key] is { } value)
            {
                result[key] = value.DeepClone();
            }
        }

        return result.Count == 0 ? null : result;
    }
}
