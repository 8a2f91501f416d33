using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Opportunities;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Auction;
using TrustedServer.Hosting.Observability;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>
/// The page auctions of <c>[creative_opportunities]</c>: the gate, the slots of a path, and the auction itself (the
/// same consent, EIDs, request building, orchestrator and creative processing as <c>POST /auction</c>, within the page
/// auction's budget). Registered only when the section has slots.
/// </summary>
internal sealed class PageAuctions(
    TrustedServerOptions options,
    AuctionVisitor visitor,
    AuctionCreatives creatives,
    AuctionMetrics metrics,
    TimeProvider time,
    IServiceProvider services,
    ILogger<PageAuctions> logger,
    AuctionOrchestrator? orchestrator = null)
{
    private readonly CreativeOpportunitiesOptions _slots = options.CreativeOpportunities!;
    private readonly AuctionCommentWriter? _comment = options.Debug.AuctionHtmlComment ? new AuctionCommentWriter(options.Debug.AuctionComment) : null;

    public TimeProvider Time => time;

    /// <summary>The page auction's budget: <c>auction_timeout_ms</c>, else <c>[auction] timeout_ms</c>.</summary>
    public TimeSpan Budget => _slots.AuctionTimeout ?? options.Auction.Timeout;

    /// <summary>Runs the gate for a request to the origin; the started auction, or null with the reason logged.</summary>
    public PageAuction? TryStart(HttpContext context)
    {
        var request = context.Request;
        string? Header(string name) => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var gate = new AdStackRequest(request.Method, Header("Sec-Fetch-Mode"), Header("Sec-Fetch-Dest"), Header("Accept"), Header("Sec-Purpose"), Header("Purpose"), Header("User-Agent"));
        var requestOutcome = AdStackGate.CheckRequest(gate);
        if (requestOutcome != AdStackOutcome.Run)
        {
            // Most requests (assets, fetches) end here, before any path matching or consent decoding.
            return null;
        }

        return Start(context, RawPath(context), navigation: true);
    }

    /// <summary>The gated page auction for <paramref name="rawPath"/> (a navigation or <c>/_ts/page-bids</c>); null when a later check fails.</summary>
    public PageAuction? Start(HttpContext context, string rawPath, bool navigation)
    {
        List<string>? dropped = null;
        IReadOnlyList<MatchedSlot> slots = [];
        ConsentContext? consent = null;
        var outcome = AdStackGate.Decide(
            new AdStackRequest("GET", "navigate"),
            PageSlots.AnyPatternMatches(_slots, rawPath) && (slots = PageSlots.Match(_slots, rawPath, dropped = [])).Count > 0,
            () => ConsentDecisions.AllowsServerSideAuction(consent = visitor.Consent(context)),
            options.Auction.Enabled && orchestrator is not null);
        foreach (var slotId in dropped ?? [])
        {
            PageAuctionLog.SlotDropped(logger, slotId, GamUnitPath.MaxDynamicBytes);
        }

        if (outcome != AdStackOutcome.Run)
        {
            var reason = AdStackGate.Label(outcome);
            PageAuctionLog.NotRun(logger, reason, navigation ? "navigation" : "page-bids");
            if (RequestDiagnostics.Current is { WantsDetails: true } diagnostics)
            {
                diagnostics.SetPageAuction("not run (" + reason + ")");
            }


            return null;
        }

        var started = time.GetTimestamp();
        var id = Guid.NewGuid().ToString();
        var budget = Budget;

        // Everything read from the request is read here, on the request's flow; the auction runs beside it.
        var ecAllowed = ConsentDecisions.AllowsEcCreation(consent!);
        var ec = ecAllowed ? EcCookie.ReadValid(context.Request.Cookies["ts-ec"]) : null;
        var eidsCookie = context.Request.Cookies[AuctionEids.CookieName];
        var cookies = AuctionCookies.Forwardable(context.Request.Headers.Cookie, ecAllowed: ec is not null, eidsAllowed: ConsentDecisions.AllowsEids(consent!));
        var pageUrl = $"https://{options.Publisher.Domain}{rawPath}";
        var request = visitor.Request(context, id, [.. slots.Select(s => s.ToAdSlot())], pageUrl, new Dictionary<string, System.Text.Json.JsonElement>(), consent!, ec, null) with { Cookies = cookies };
        var auction = new PageAuction(this, id, rawPath, slots, budget, started, new CancellationTokenSource(), ct => RunAsync(request, slots, consent!, ec, eidsCookie, started, budget, ct));
        auction.CancelWith(context.RequestAborted);
        return auction;
    }

    private async Task<PageAuctionResult> RunAsync(AuctionRequest request, IReadOnlyList<MatchedSlot> slots, ConsentContext consent, string? ec, string? eidsCookie, long started, TimeSpan budget, CancellationToken cancellationToken)
    {
        // Off the request's own flow: the auction must not delay the origin fetch that starts right after.
        await Task.Yield();
        try
        {
            var eids = await AuctionEids.ResolveAsync(ec, null, eidsCookie, options, services.GetService<IIdentityStore>(), logger, cancellationToken);
            request = request with { Eids = ConsentDecisions.GateEidsByConsent(eids, consent) };

            // The providers stop a little before the page's deadline, so that answers arriving at the very end are
            // still processed and written instead of being lost to the page's own timeout.
            var left = budget - time.GetElapsedTime(started);
            var margin = TimeSpan.FromMilliseconds(Math.Min(50, Math.Max(0, left.TotalMilliseconds) / 10));
            var admission = slots.Any(s => s.Providers.Count > 0) ? new AuctionAdmission(slots.Select(s => (s.Id, s.Providers))) : null;
            var result = await orchestrator!.RunAsync(request, left - margin, admission, cancellationToken);
            var bids = PageBidMap.Build(result, request.Id, _slots.PriceGranularity, creatives.Processor);
            return new PageAuctionResult(bids, result, bids.Count > 0 ? "bid" : "no_bid");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            PageAuctionLog.Failed(logger, ex.GetType().Name, ex.Message);
            return PageAuctionResult.Failed(ex.Message);
        }
    }

    /// <summary>The bids script (after the debug comment, when configured), or null.</summary>
    public string? BodyEndMarkup(PageAuction auction, PageAuctionResult? result)
    {
        var script = result is null ? null : AdSlotsJson.BidsScript(result.Bids);
        if (_comment is null)
        {
            return script;
        }

        return _comment.Write(auction, result) + script;
    }

    /// <summary>One count and one log line per page auction.</summary>
    public void Report(PageAuction auction)
    {
        var outcome = auction.Outcome ?? "unused";
        metrics.PageAuctions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        var result = auction.Result;
        if (RequestDiagnostics.Current is { WantsDetails: true } diagnostics)
        {
            diagnostics.SetPageAuction(Explain(auction));
        }

        PageAuctionLog.Completed(logger, outcome, auction.Slots.Count, result?.Bids.Count ?? 0, result?.Auction?.TimeMs ?? 0, auction.AuctionId);
    }

    /// <summary>The slots, the providers with outcome and time, the auction time and where the bids went.</summary>
    private static string Explain(PageAuction auction)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("slots ").AppendJoin(", ", auction.Slots.Select(s => $"{s.Id} ({s.GamUnitPath})"));
        if (auction.Result?.Auction is { } run)
        {
            text.Append("; providers ").AppendJoin(", ", run.Providers.Select(p => string.Create(c, $"{p.Name}:{AuctionTelemetry.Label(p.Outcome)} {p.TimeMs:0.0} ms")));
            text.Append(c, $"; auction {run.TimeMs:0.0} ms");
        }

        text.Append("; ").Append(auction.Outcome);
        var bids = auction.Result?.Bids ?? [];
        text.Append(c, $"; {bids.Count} bids ");
        text.Append(bids.Count == 0 ? "(nothing written)" : auction.WrittenAt == "document_end" ? "written at the end of the document" : "written before </body>");
        text.Append(c, $" at {auction.WaitedUntilMs:0.0} ms");
        return text.ToString();
    }

    /// <summary>The request path as sent (not percent-decoded), without the query.</summary>
    internal static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            return QuerylessPath(raw);
        }

        return context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
    }

    private static string QuerylessPath(string path)
    {
        var end = path.AsSpan().IndexOfAny('?', '#');
        return end < 0 ? path : path[..end];
    }
}
