namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>What the ad-stack gate decided: run, or the first condition that failed.</summary>
public enum AdStackOutcome
{
    /// <summary>Every condition holds: the page auction runs.</summary>
    Run,

    /// <summary>The method is not GET.</summary>
    NotGet,

    /// <summary>Not a page navigation (a fetch, an image, a script...).</summary>
    NotNavigation,

    /// <summary>A prefetch (<c>Sec-Purpose</c> or <c>Purpose</c>).</summary>
    Prefetch,

    /// <summary>A listed crawler's User-Agent.</summary>
    Bot,

    /// <summary>No slot matches the path.</summary>
    NoSlot,

    /// <summary>Consent does not allow a server-side auction.</summary>
    NoConsent,

    /// <summary><c>[auction] enabled</c> is false.</summary>
    AuctionsDisabled,
}
