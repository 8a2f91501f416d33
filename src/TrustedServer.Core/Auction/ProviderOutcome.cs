namespace TrustedServer.Core.Auction;

/// <summary>How one provider's part of an auction ended.</summary>
public enum ProviderOutcome
{
    /// <summary>Answered with at least one bid.</summary>
    Success,

    /// <summary>Answered without a bid.</summary>
    NoBid,

    /// <summary>Did not answer before its deadline.</summary>
    Timeout,

    /// <summary>Failed: transport error, non-2xx status, unparseable or oversized answer.</summary>
    Error,

    /// <summary>Not called: no budget was left.</summary>
    Skipped,
}
