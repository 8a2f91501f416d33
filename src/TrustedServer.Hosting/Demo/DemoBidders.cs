using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Hosting.Demo;

/// <summary>
/// Two stand-in demand sources on the demo origin, so the demo's <c>POST /auction</c> shows a real answer: a Prebid
/// Server bidding a fixed $1.25 (<c>demo_bidder</c>) and $0.80 (<c>demo_bidder_b</c>) with small HTML creatives, and an
/// APS stand-in bidding $1.10 with an iframe creative URL ($2.00 for the APS page's unit, so it wins there). Prices are
/// fixed so the winner is predictable.
/// </summary>
internal static class DemoBidders
{
    public const string PrebidPath = "/demo-bidders/prebid/openrtb2/auction";
    public const string ApsPath = "/demo-bidders/aps/e/pb/bid";

    public static bool Handles(PathString path) => path == PrebidPath || path == ApsPath;

    public static async Task ServeAsync(HttpContext context)
    {
        BidRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, OpenRtbJsonContext.Default.BidRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var aps = context.Request.Path == ApsPath;
        var seats = new List<SeatBid>();
        foreach (var imp in request?.Imp ?? [])
        {
            var format = imp.Banner?.Format is { Count: > 0 } formats ? formats[0] : null;
            int w = format?.W ?? 300, h = format?.H ?? 250;
            if (aps)
            {
                seats.Add(Seat("amazon", new Bid
                {
                    Id = "aps-" + imp.Id,
                    Impid = imp.Id,
                    // The demo's APS page names its unit "aps-…": there APS outbids Prebid, so its renderer is shown.
                    Price = imp.Id.StartsWith(DemoAdPages.ApsUnitPrefix, StringComparison.Ordinal) ? 2.00 : 1.10,
                    W = w,
                    H = h,
                    Ext = new JsonObject { ["creativeurl"] = "https://aps-creative.example/render", ["tagtype"] = "iframe" },
                }));
                continue;
            }

            seats.Add(Seat("demo_bidder", Creative(imp.Id, 1.25, w, h, "#2b6cb0")));
            seats.Add(Seat("demo_bidder_b", Creative(imp.Id, 0.80, w, h, "#c05621")));
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new BidResponse { Id = request?.Id ?? string.Empty, Cur = "USD", Seatbid = seats }, OpenRtbJsonContext.Default.BidResponse, context.RequestAborted);
    }

    private static SeatBid Seat(string seat, Bid bid) => new() { Seat = seat, Bid = [bid] };

    private static Bid Creative(string imp, double price, int w, int h, string color) => new()
    {
        Id = $"{imp}-{price.ToString("0.00", CultureInfo.InvariantCulture)}",
        Impid = imp,
        Price = price,
        W = w,
        H = h,
        Adomain = ["advertiser.example"],
        Crid = "demo-creative",
        Adm = $"<a href=\"https://advertiser.example/landing?campaign=demo\" target=\"_blank\" style=\"text-decoration:none\"><div style=\"width:{w}px;height:{h}px;background:{color};color:#fff;font:16px sans-serif;display:flex;align-items:center;justify-content:center\">Demo ad ${{AUCTION_PRICE}} CPM</div></a>",
    };
}
