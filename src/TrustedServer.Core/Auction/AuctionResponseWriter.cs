using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Core.Auction;

/// <summary>
/// Turns an <see cref="AuctionResult"/> into the OpenRTB 2.x <c>BidResponse</c> of <c>POST /auction</c>: one seatbid
/// per delivered winner and <c>ext.orchestrator</c> with every provider's outcome and the winners dropped.
/// </summary>
public static class AuctionResponseWriter
{
    /// <summary>The largest creative delivered; a larger one is rejected whatever the processing mode.</summary>
    public const int MaxCreativeChars = 1024 * 1024;

    /// <summary>A no-bid document (no provider was asked).</summary>
    public static BidResponse NoBid(string id) => new() { Id = id, Seatbid = [] };

    /// <summary>
    /// Builds the response. <paramref name="processCreative"/> sanitises and/or rewrites a winner's markup and returns
    /// null to reject it; a winner left with nothing to render is dropped.
    /// </summary>
    public static BidResponse Write(string id, AuctionResult result, Func<string, string?>? processCreative)
    {
        ArgumentNullException.ThrowIfNull(result);
        var seats = new List<SeatBid>(result.Winners.Count);
        var dropped = new List<DroppedWinner>(result.Dropped);
        foreach (var winner in result.Winners)
        {
            var price = winner.Price!.Value;
            var adm = winner.Creative is { } markup ? ExpandPrice(markup, price) : null;
            if (adm is not null)
            {
                adm = adm.Length > MaxCreativeChars ? null : processCreative is null ? adm : processCreative(adm);
                if (adm is null && winner.Renderer is null)
                {
                    dropped.Add(new DroppedWinner(winner.SlotId, winner.Bidder, "creative_rejected"));
                    continue;
                }
            }
            else if (winner.Renderer is null)
            {
                dropped.Add(new DroppedWinner(winner.SlotId, winner.Bidder, "no_render_source"));
                continue;
            }

            var bid = new Bid
            {
                Id = winner.BidId ?? $"{winner.Bidder}-{winner.SlotId}",
                Impid = winner.SlotId,
                Price = price,
                Adm = winner.Renderer is null ? adm : null,
                Adid = winner.Adid,
                Crid = winner.Crid,
                W = winner.Width,
                H = winner.Height,
                Adomain = winner.Adomain,
                Nurl = winner.Nurl is { } n ? ExpandPrice(n, price) : null,
                Burl = winner.Burl is { } b ? ExpandPrice(b, price) : null,
                Ext = Ext(winner, price),
            };
            seats.Add(new SeatBid { Seat = winner.Bidder, Bid = [bid] });
        }

        return new BidResponse
        {
            Id = id,
            Seatbid = seats,
            Cur = seats.Count > 0 ? "USD" : null,
            Ext = new JsonObject { ["orchestrator"] = Orchestrator(result, dropped) },
        };
    }

    /// <summary>Replaces <c>${AUCTION_PRICE}</c> with the winning CPM in its shortest round-trip form.</summary>
    public static string ExpandPrice(string text, double price)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("${AUCTION_PRICE}", StringComparison.Ordinal)
            ? text.Replace("${AUCTION_PRICE}", price.ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : text;
    }

    private static JsonObject Ext(AuctionBid winner, double price)
    {
        var trusted = new JsonObject
        {
            ["provider"] = winner.Provider,
            ["hb_pb"] = PriceBuckets.Bucket(price, PriceGranularity.Dense),
        };
        if (winner.Renderer is not null)
        {
            trusted["renderer"] = JsonSerializer.SerializeToNode(winner.Renderer, CreativeRendererJsonContext.Default.CreativeRenderer);
        }

        return new JsonObject { ["trusted_server"] = trusted };
    }

    private static JsonObject Orchestrator(AuctionResult result, List<DroppedWinner> dropped)
    {
        var details = new JsonArray();
        foreach (var report in result.Providers)
        {
            details.Add(Detail(report));
        }

        var orchestrator = new JsonObject
        {
            ["strategy"] = result.Strategy,
            ["providers"] = result.Providers.Count,
            ["total_bids"] = result.TotalBids,
            ["time_ms"] = Math.Round(result.TimeMs, 1),
            ["provider_details"] = details,
        };
        if (result.Mediator is { } mediator)
        {
            orchestrator["mediator"] = Detail(mediator);
        }

        var reasons = new JsonArray();
        foreach (var drop in dropped)
        {
            reasons.Add(new JsonObject { ["slot"] = drop.SlotId, ["bidder"] = drop.Bidder, ["reason"] = drop.Reason });
        }

        orchestrator["dropped_winner_count"] = dropped.Count;
        orchestrator["dropped_winner_reasons"] = reasons;
        return orchestrator;
    }

    private static JsonObject Detail(ProviderReport report)
    {
        var detail = new JsonObject
        {
            ["name"] = report.Name,
            ["status"] = AuctionTelemetry.Label(report.Outcome),
            ["bids"] = report.BidCount,
            ["time_ms"] = report.TimeMs,
        };
        if (report.Error is not null)
        {
            detail["error"] = report.Error;
        }

        if (report.Metadata is not null)
        {
            detail["metadata"] = report.Metadata.DeepClone();
        }

        return detail;
    }
}
