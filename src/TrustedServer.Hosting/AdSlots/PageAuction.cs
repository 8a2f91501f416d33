using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>
/// One page's auction, started when the request arrived and running beside the origin fetch. The page's head gets the
/// slots at once; at the structural <c>&lt;/body&gt;</c> <see cref="BodyEndAsync"/> waits for the bids, at most until
/// the page auction's budget (counted from the start) runs out. A timeout, a failure or no winner writes nothing
/// (only the debug comment, when configured). Disposed with the response: an auction nobody waits for any more (the
/// client went away, the response was not a page) is cancelled.
/// </summary>
internal sealed class PageAuction : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PageAuctions _owner;
    private readonly long _started;
    private CancellationTokenRegistration _clientGone;
    private int _finished;

    public PageAuction(PageAuctions owner, string auctionId, string path, IReadOnlyList<MatchedSlot> slots, TimeSpan budget, long started, CancellationTokenSource cancel, Func<CancellationToken, Task<PageAuctionResult>> run)
    {
        _owner = owner;
        AuctionId = auctionId;
        Path = path;
        Slots = slots;
        Budget = budget;
        _started = started;
        _cancel = cancel;
        Running = run(cancel.Token);
    }

    /// <summary>Cancels the auction when the client goes away.</summary>
    public void CancelWith(CancellationToken requestAborted) =>
        _clientGone = requestAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _cancel);

    public string AuctionId { get; }

    public string Path { get; }

    public IReadOnlyList<MatchedSlot> Slots { get; }

    public TimeSpan Budget { get; }

    public Task<PageAuctionResult> Running { get; }

    /// <summary>How the wait ended: <c>bid</c>, <c>no_bid</c>, <c>timeout</c>, <c>error</c>, <c>cancelled</c>, or null while not awaited.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The result, once <see cref="BodyEndAsync"/> has it.</summary>
    public PageAuctionResult? Result { get; private set; }

    /// <summary>Where the page's bids went (<c>before_body_end</c>, <c>document_end</c>), or null for page-bids.</summary>
    public string? WrittenAt { get; set; }

    /// <summary>The page auction's time when the page got its bids (or gave up), in ms.</summary>
    public double WaitedUntilMs { get; private set; }

    /// <summary>What goes before <c>&lt;/body&gt;</c>: the bids script, or null when there is nothing to write.</summary>
    public async ValueTask<string?> BodyEndAsync(CancellationToken cancellationToken)
    {
        PageAuctionResult? result = null;
        var remaining = Budget - _owner.Time.GetElapsedTime(_started);
        try
        {
            result = remaining > TimeSpan.Zero
                ? await Running.WaitAsync(remaining, _owner.Time, cancellationToken).ConfigureAwait(false)
                : Running.IsCompletedSuccessfully ? Running.Result : throw new TimeoutException();
            Outcome = result.Outcome;
        }
        catch (TimeoutException)
        {
            Outcome = "timeout";
            _cancel.Cancel();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Outcome = "cancelled";
            Finish();
            throw;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong in the auction, the page goes on without bids.
            Outcome = "error";
            result = PageAuctionResult.Failed(ex.GetType().Name);
            _cancel.Cancel();
        }

        Result = result;
        WaitedUntilMs = Math.Round(_owner.Time.GetElapsedTime(_started).TotalMilliseconds, 1);
        Finish();
        return _owner.BodyEndMarkup(this, result);
    }

    /// <summary>Counts and logs the page auction once.</summary>
    private void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _owner.Report(this);
        }
    }

    public void Dispose()
    {
        if (Outcome is null)
        {
            Outcome = "unused";
            Finish();
        }

        _clientGone.Dispose();

        // Not disposed: the auction may still be unwinding with its token; a source without timers needs no disposal.
        _cancel.Cancel();
    }
}
