using System.Buffers;
using System.Text.Json;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// <c>POST /auction</c>: body cap (413), body checks (400 naming the field), the consent gate before any provider is
/// called (a 200 no-bid document otherwise), EIDs, geo and the trusted client address, then the orchestrator and the
/// OpenRTB answer. Never behind any authentication.
/// </summary>
internal sealed class AuctionEndpoint(
    TrustedServerOptions options,
    AuctionVisitor visitor,
    AuctionCreatives creatives,
    IServiceProvider services,
    ILogger<AuctionEndpoint> logger,
    AuctionMetrics metrics,
    AuctionOrchestrator? orchestrator = null)
{
    public const int MaxBodyBytes = 256 * 1024;
    private const string JsonContentType = "application/json";

    private readonly HashSet<string> _allowedContext = new(options.Auction.AllowedContextKeys, StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var endpoint = endpoints.ServiceProvider.GetRequiredService<AuctionEndpoint>();
        endpoints.MapPost("/auction", endpoint.HandleAsync).AllowAnonymous();
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.Headers.CacheControl = "no-store, private";
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            metrics.Auctions.Add(1, Outcome("too_large"));
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"Request body larger than {MaxBodyBytes} bytes", context.RequestAborted);
            return;
        }

        var (adRequest, error) = AdRequestParser.Parse(body, _allowedContext);
        if (error is not null)
        {
            AuctionLog.BadRequest(logger, error.Field, error.Message);
            metrics.Auctions.Add(1, Outcome("bad_request"));
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, new AuctionError(error.Message, error.Field), context.RequestAborted);
            return;
        }

        var id = Guid.NewGuid().ToString();
        if (!options.Auction.Enabled || orchestrator is null)
        {
            context.Features.Set(AuctionLogEntry.NotRun(id, "disabled"));
            await WriteNoBidAsync(response, id, "disabled", context.RequestAborted);
            return;
        }

        var consent = visitor.Consent(context);
        if (!ConsentDecisions.AllowsServerSideAuction(consent))
        {
            context.Features.Set(AuctionLogEntry.NotRun(id, "no_consent"));
            await WriteNoBidAsync(response, id, "no_consent", context.RequestAborted);
            return;
        }

        var ecAllowed = ConsentDecisions.AllowsEcCreation(consent);
        var ec = ecAllowed ? EcCookie.ReadValid(context.Request.Cookies["ts-ec"]) : null;
        var eids = await AuctionEids.ResolveAsync(ec, adRequest!.Eids, context.Request.Cookies[AuctionEids.CookieName], options, services.GetService<IIdentityStore>(), logger, context.RequestAborted);
        var gated = ConsentDecisions.GateEidsByConsent(eids, consent);
        var cookies = AuctionCookies.Forwardable(context.Request.Headers.Cookie, ecAllowed: ec is not null, eidsAllowed: ConsentDecisions.AllowsEids(consent));
        var pageUrl = AuctionPageUrl.For(context.Request.Headers.Referer.ToString(), options.Publisher.Domain);
        var request = visitor.Request(context, id, adRequest.Slots, pageUrl, adRequest.Context, consent, ec, gated) with { Cookies = cookies };

        AuctionResult result;
        try
        {
            result = await orchestrator.RunAsync(request, context.RequestAborted);
        }
        catch (InvalidOperationException ex)
        {
            AuctionLog.Failed(logger, ex.Message);
            context.Features.Set(AuctionLogEntry.NotRun(id, "error"));
            metrics.Auctions.Add(1, Outcome("error"));
            await WriteErrorAsync(response, StatusCodes.Status502BadGateway, new AuctionError("auction failed: " + ex.Message), context.RequestAborted);
            return;
        }

        var document = AuctionResponseWriter.Write(id, result, creatives.Processor);

        // The request's one log line reports the auction (providers, winners, time).
        context.Features.Set(AuctionLogEntry.Completed(id, result, document));

        metrics.Auctions.Add(1, Outcome(document.Seatbid is { Count: > 0 } ? "bid" : "no_bid"));

        if (ecAllowed)
        {
            response.Headers["x-ts-ec-consent"] = "ok";
        }

        if (gated is { Count: > 0 })
        {
            var (value, truncated) = AuctionEids.Header(gated);
            if (value is not null)
            {
                response.Headers["x-ts-eids"] = value;
            }

            if (truncated)
            {
                response.Headers["x-ts-eids-truncated"] = "true";
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(response.Body, document, OpenRtbJsonContext.Default.BidResponse, context.RequestAborted);
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var count = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(count, MaxBodyBytes + 1 - count), cancellationToken)) > 0)
            {
                count += read;
                if (count > MaxBodyBytes)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteNoBidAsync(HttpResponse response, string id, string outcome, CancellationToken cancellationToken)
    {
        metrics.Auctions.Add(1, Outcome(outcome));
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(response.Body, AuctionResponseWriter.NoBid(id), OpenRtbJsonContext.Default.BidResponse, cancellationToken);
    }

    private static async Task WriteErrorAsync(HttpResponse response, int status, AuctionError error, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(response.Body, error, AuctionJsonContext.Default.AuctionError, cancellationToken);
    }
}
