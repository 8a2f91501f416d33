using System.Diagnostics;

namespace TrustedServer.Core.Auction;

/// <summary>
/// Runs an auction: every provider request starts at once, each with a deadline of min(its timeout, what is left of
/// the auction's budget); results are taken as they complete; a provider that times out or fails is reported and the
/// auction goes on with the rest. Without a mediator the highest price wins each slot (<c>parallel_only</c>); with
/// one, the priced bids and the remaining budget go to it (<c>parallel_mediation</c>).
/// </summary>
public sealed class AuctionOrchestrator : IDisposable
{
    private readonly IReadOnlyList<IAuctionProvider> _providers;
    private readonly IAuctionMediator? _mediator;
    private readonly TimeSpan _budget;
    private readonly double? _mediatorFloor;
    private readonly TimeProvider _time;
    private readonly AuctionMetrics? _metrics;

    /// <summary>Creates an orchestrator over <paramref name="providers"/> (in configuration order).</summary>
    public AuctionOrchestrator(IReadOnlyList<IAuctionProvider> providers, IAuctionMediator? mediator, TimeSpan budget, double? mediatorFloor = null, TimeProvider? time = null, AuctionMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers;
        _mediator = mediator;
        _budget = budget;
        _mediatorFloor = mediatorFloor;
        _time = time ?? TimeProvider.System;
        _metrics = metrics;
    }

    /// <summary>Disposes the providers that hold connections.</summary>
    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            (provider as IDisposable)?.Dispose();
        }

        (_mediator as IDisposable)?.Dispose();
    }

    /// <summary>The strategy this orchestrator runs.</summary>
    public string Strategy => _mediator is null ? "parallel_only" : "parallel_mediation";

    /// <summary>The providers, in configuration order.</summary>
    public IReadOnlyList<IAuctionProvider> Providers => _providers;

    /// <summary>Runs one auction. Only the caller's cancellation (the visitor going away) throws.</summary>
    /// <exception cref="InvalidOperationException">No provider is configured.</exception>
    public Task<AuctionResult> RunAsync(AuctionRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, _budget, null, cancellationToken);

    /// <summary>
    /// Runs one auction within <paramref name="budget"/> (the page auction's own). <paramref name="admit"/>, when
    /// given, keeps only the bids it accepts (a slot limited to some providers) before the winners are picked, and a
    /// provider it names for no slot is not called.
    /// </summary>
    /// <exception cref="InvalidOperationException">No provider is configured.</exception>
    public async Task<AuctionResult> RunAsync(AuctionRequest request, TimeSpan budget, AuctionAdmission? admit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_providers.Count == 0)
        {
            throw new InvalidOperationException("No providers configured");
        }

        using var activity = AuctionTelemetry.ActivitySource.StartActivity("ts.auction");
        activity?.SetTag("ts.auction.strategy", Strategy);
        var start = _time.GetTimestamp();
        var reports = new ProviderReport?[_providers.Count];
        var bidsByProvider = new IReadOnlyList<AuctionBid>?[_providers.Count];
        var calls = new List<Task<(int Index, ProviderReport Report, IReadOnlyList<AuctionBid> Bids)>>(_providers.Count);
        for (var i = 0; i < _providers.Count; i++)
        {
            var provider = _providers[i];
            if (admit is not null && !admit.Calls(provider.Name))
            {
                reports[i] = new ProviderReport(provider.Name, ProviderOutcome.Skipped, 0, 0, "no slot takes its bids");
                continue;
            }

            var remaining = budget - _time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                reports[i] = new ProviderReport(provider.Name, ProviderOutcome.Skipped, 0, 0, "no budget left");
                _metrics?.RecordProvider(provider.Name, ProviderOutcome.Skipped, 0, 0);
                continue;
            }

            var deadline = provider.Timeout < remaining ? provider.Timeout : remaining;
            calls.Add(CallAsync(i, provider.Name, (budget, token) => provider.RequestBidsAsync(request, budget, token), deadline, cancellationToken));
        }

        await foreach (var call in Task.WhenEach(calls).ConfigureAwait(false))
        {
            var (index, report, bids) = await call.ConfigureAwait(false);
            reports[index] = report;
            bidsByProvider[index] = bids;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Configuration order, so that equal prices keep the provider listed first whatever the arrival order.
        var allBids = new List<AuctionBid>();
        foreach (var bids in bidsByProvider)
        {
            if (bids is not null)
            {
                allBids.AddRange(admit is null ? bids : bids.Where(admit.Admits));
            }
        }

        List<AuctionBid> winners;
        List<DroppedWinner> dropped;
        ProviderReport? mediatorReport = null;
        if (_mediator is null)
        {
            (winners, dropped) = WinnerSelection.Select(request.Slots, allBids);
        }
        else
        {
            (winners, dropped, mediatorReport) = await MediateAsync(request, allBids, start, budget, cancellationToken).ConfigureAwait(false);
        }

        var time = _time.GetElapsedTime(start).TotalMilliseconds;
        activity?.SetTag("ts.auction.bids", allBids.Count);
        activity?.SetTag("ts.auction.winners", winners.Count);
        return new AuctionResult
        {
            Strategy = Strategy,
            Winners = winners,
            Providers = [.. reports.Select(r => r!)],
            Mediator = mediatorReport,
            TotalBids = allBids.Count,
            TimeMs = time,
            Dropped = dropped,
        };
    }

    private async Task<(List<AuctionBid>, List<DroppedWinner>, ProviderReport)> MediateAsync(AuctionRequest request, List<AuctionBid> allBids, long start, TimeSpan budget, CancellationToken cancellationToken)
    {
        var mediator = _mediator!;
        var priced = allBids.Where(b => b.Price is { } p && double.IsFinite(p) && p > 0).ToList();
        var remaining = budget - _time.GetElapsedTime(start);
        if (remaining <= TimeSpan.Zero)
        {
            var (fallback, fallbackDropped) = WinnerSelection.Select(request.Slots, priced, _mediatorFloor);
            return (fallback, fallbackDropped, new ProviderReport(mediator.Name, ProviderOutcome.Skipped, 0, 0, "no budget left"));
        }

        var deadline = mediator.Timeout < remaining ? mediator.Timeout : remaining;
        var (_, report, chosen) = await CallAsync(
            -1,
            mediator.Name,
            (budget, token) => mediator.MediateAsync(request, priced, budget, token),
            deadline,
            cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (report.Outcome is ProviderOutcome.Timeout or ProviderOutcome.Error)
        {
            // A failed mediator must not cost the publisher the auction: the providers' own prices decide.
            var (fallback, fallbackDropped) = WinnerSelection.Select(request.Slots, priced, _mediatorFloor);
            return (fallback, fallbackDropped, report);
        }

        var restored = new List<AuctionBid>(chosen.Count);
        var dropped = new List<DroppedWinner>();
        foreach (var pick in chosen)
        {
            if (pick.Price is not { } price || !double.IsFinite(price) || price <= 0)
            {
                dropped.Add(new DroppedWinner(pick.SlotId, pick.Bidder, "no_price"));
                continue;
            }

            restored.Add(Restore(pick, priced));
        }

        var (winners, floorDropped) = WinnerSelection.Select(request.Slots, restored, _mediatorFloor);
        dropped.AddRange(floorDropped);
        return (winners, dropped, report);
    }

    /// <summary>The mediator's pick with the renderer and accounting state of the source bid it chose.</summary>
    private static AuctionBid Restore(AuctionBid pick, List<AuctionBid> priced)
    {
        var source = priced.FirstOrDefault(b => b.SlotId == pick.SlotId && b.Bidder == pick.Bidder && (pick.BidId is null || b.BidId == pick.BidId))
            ?? priced.FirstOrDefault(b => b.SlotId == pick.SlotId && (b.Bidder == pick.Bidder || b.Provider == pick.Bidder));
        if (source is null)
        {
            return pick;
        }

        return source with
        {
            Price = pick.Price,
            Creative = source.Renderer is null ? pick.Creative ?? source.Creative : null,
            Width = pick.Width > 0 ? pick.Width : source.Width,
            Height = pick.Height > 0 ? pick.Height : source.Height,
        };
    }

    private async Task<(int, ProviderReport, IReadOnlyList<AuctionBid>)> CallAsync(int index, string name, Func<TimeSpan, CancellationToken, Task<ProviderResult>> call, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var activity = AuctionTelemetry.ActivitySource.StartActivity("ts.auction.provider");
        activity?.SetTag("ts.auction.provider", name);
        var started = _time.GetTimestamp();
        ProviderOutcome outcome;
        string? error = null;
        System.Text.Json.Nodes.JsonObject? failureMetadata = null;
        ProviderResult result = ProviderResult.Empty;
        try
        {
            // The wait is bounded here as well, so a provider that ignores its token still cannot hold the auction.
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(deadline);
            result = await call(deadline, cts.Token).WaitAsync(cts.Token).ConfigureAwait(false);
            outcome = result.Bids.Count > 0 ? ProviderOutcome.Success : ProviderOutcome.NoBid;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or TimeoutException)
        {
            outcome = ProviderOutcome.Timeout;
            error = $"no answer within {deadline.TotalMilliseconds:0} ms";
        }
        catch (ProviderException ex)
        {
            outcome = ProviderOutcome.Error;
            error = ex.Message;
            failureMetadata = ex.Metadata;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any other failure, a provider's own bug included, is that provider's error: the others' bids still count.
            outcome = ProviderOutcome.Error;
            error = ex is HttpRequestException ? "connection failed" : ex.GetType().Name;
        }
        catch (OperationCanceledException)
        {
            outcome = ProviderOutcome.Timeout;
            error = "auction cancelled";
        }

        var elapsed = _time.GetElapsedTime(started);
        activity?.SetTag("ts.auction.outcome", AuctionTelemetry.Label(outcome));
        if (outcome is ProviderOutcome.Error or ProviderOutcome.Timeout)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }

        _metrics?.RecordProvider(name, outcome, elapsed.TotalSeconds, result.Bids.Count);
        return (index, new ProviderReport(name, outcome, result.Bids.Count, Math.Round(elapsed.TotalMilliseconds, 1), error, failureMetadata ?? result.Metadata), result.Bids);
    }
}
