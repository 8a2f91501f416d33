using System.Buffers;
using System.Text.Json;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Hosting.Proxy;
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
    VisitorGeo geo,
    AuctionCreatives creatives,
    TimeProvider time,
    IServiceProvider services,
    ILogger<AuctionEndpoint> logger,
    AuctionMetrics metrics,
    AuctionOrchestrator? orchestrator = null)
{
    public const int MaxBodyBytes = 256 * 1024;
    private const string JsonContentType = "application/json";

    private readonly ConsentOptions _consent = options.Consent;
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

        var consent = BuildConsent(context);
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
        var request = BuildRequest(context, id, adRequest, consent, ec, gated) with { Cookies = cookies };

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

    private ConsentContext BuildConsent(HttpContext context)
    {
        var request = context.Request;
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var signals = ConsentSignals.FromRequest(name => request.Cookies[name], Header);
        return ConsentPipeline.Build(signals, geo.JurisdictionFor(context, _consent), _consent, time);
    }

    private AuctionRequest BuildRequest(HttpContext context, string id, AdRequest adRequest, ConsentContext consent, string? ec, IReadOnlyList<Core.Auction.OpenRtb.Eid>? eids)
    {
        var headers = context.Request.Headers;
        var location = geo.Locate(context);
        var acceptLanguage = headers.AcceptLanguage.ToString();
        return new AuctionRequest
        {
            Id = id,
            Slots = adRequest.Slots,
            PublisherDomain = options.Publisher.Domain,
            PageUrl = AuctionPageUrl.For(headers.Referer.ToString(), options.Publisher.Domain),
            RequestHost = VisitorRequest.For(context, options.Proxy).Host is { Length: > 0 } host ? host : options.Publisher.Domain,
            RequestScheme = context.Request.Scheme,
            EcId = ec,
            Eids = eids,
            Context = adRequest.Context,
            Device = new AuctionDevice
            {
                UserAgent = headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
                Ip = VisitorRequest.For(context, options.Proxy).ClientAddress?.ToString(),
                Country = location?.Country,
                Region = location?.Region,
                DoNotTrack = headers["DNT"].ToString().Trim() == "1",
                Language = PrimaryLanguage(acceptLanguage),
                AcceptLanguage = acceptLanguage.Length > 0 ? acceptLanguage : null,
            },
            Privacy = new AuctionPrivacy
            {
                Gdpr = consent.GdprApplies || consent.Jurisdiction.Kind == JurisdictionKind.Gdpr ? true
                    : consent.Jurisdiction.Kind == JurisdictionKind.Unknown ? null : false,
                TcString = consent.RawTcString,
                UsPrivacy = consent.RawUsPrivacy,
                Gpp = consent.RawGppString,
                GppSectionIds = consent.GppSectionIds,
                UsPrivacySynthesized = consent.Source == ConsentSource.PolicyDefault,
                AdditionalConsent = consent.RawAcString,
                Gpc = consent.Gpc,
            },
        };
    }

    /// <summary>The primary subtag of the first <c>Accept-Language</c> entry (<c>de-DE,de;q=0.9</c> gives <c>de</c>).</summary>
    internal static string? PrimaryLanguage(string acceptLanguage)
    {
        var first = acceptLanguage.AsSpan();
        var end = first.IndexOfAny(',', ';');
        first = (end >= 0 ? first[..end] : first).Trim();
        var dash = first.IndexOf('-');
        var primary = dash >= 0 ? first[..dash] : first;
        foreach (var c in primary)
        {
            if (!char.IsAsciiLetter(c))
            {
                return null;
            }
        }

        return primary.Length is >= 2 and <= 3 ? primary.ToString().ToLowerInvariant() : null;
    }

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
