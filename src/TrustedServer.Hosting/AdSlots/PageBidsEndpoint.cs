using System.Buffers;
using TrustedServer.Core.Auction.Opportunities;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>
/// <c>GET /_ts/page-bids?path=/x[&amp;format=json]</c>: a single-page app's navigation gets the slots of its new path
/// and the same gated page auction, as <c>{"slots":[...],"bids":{...}}</c>. Only the page itself may ask:
/// <c>Sec-Fetch-Site: same-origin</c>, or without fetch metadata the SDK's <c>X-TSJS-Page-Bids</c> header (403
/// otherwise, and always for OPTIONS). 404 without slots configured; 400 for a format other than json or a path that
/// is not one. Answered here, never proxied to the origin.
/// </summary>
internal static class PageBidsEndpoint
{
    public const string Route = "/_ts/page-bids";
    public const string Header = "X-TSJS-Page-Bids";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Route, ["OPTIONS"], (HttpContext context) => TextAsync(context, StatusCodes.Status403Forbidden, "Forbidden")).AllowAnonymous();
        endpoints.MapGet(Route, HandleAsync).AllowAnonymous();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var allowed = fetchSite.Length > 0
            ? string.Equals(fetchSite.Trim(), "same-origin", StringComparison.OrdinalIgnoreCase)
            : request.Headers.ContainsKey(Header);
        if (!allowed)
        {
            await TextAsync(context, StatusCodes.Status403Forbidden, "Forbidden");
            return;
        }

        var options = context.RequestServices.GetRequiredService<TrustedServerOptions>();
        var auctions = context.RequestServices.GetService<PageAuctions>();
        if (options.CreativeOpportunities is not { Slots.Count: > 0 } opportunities || auctions is null)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "Not Found");
            return;
        }

        var format = request.Query["format"];
        if (format.Count > 1 || (format.Count == 1 && format[0] != "json"))
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, "Unknown format");
            return;
        }

        var path = request.Query["path"];
        if (path.Count != 1 || path[0] is not { Length: > 0 } target || target[0] != '/' || target.StartsWith("//", StringComparison.Ordinal) || target.Length > 2048)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, "path must be one absolute path");
            return;
        }

        var end = target.AsSpan().IndexOfAny('?', '#');
        var rawPath = end < 0 ? target : target[..end];
        var slots = PageSlots.Match(opportunities, rawPath);
        IReadOnlyList<PageBid> bids = [];
        using (var auction = slots.Count > 0 ? auctions.Start(context, rawPath, navigation: false) : null)
        {
            if (auction is not null)
            {
                await auction.BodyEndAsync(context.RequestAborted);
                bids = auction.Result?.Bids ?? [];
            }
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.CacheControl = "private, no-store";
        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = AdSlotsJson.CreateWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("slots");
            AdSlotsJson.WriteSlots(writer, slots);
            writer.WritePropertyName("bids");
            AdSlotsJson.WriteBids(writer, bids);
            writer.WriteEndObject();
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static Task TextAsync(HttpContext context, int status, string text)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = "private, no-store";
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text, context.RequestAborted);
    }
}
