namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// Whether a request gets the server-side ad stack: a GET page navigation (<c>Sec-Fetch-Mode: navigate</c> to a
/// document or frame, or without fetch metadata an <c>Accept</c> naming <c>text/html</c>), not a prefetch, not a listed
/// crawler (case-sensitive), a slot matches, consent allows a server-side auction and auctions are enabled. The checks
/// run cheapest first, so the consent pipeline only runs for a page that would get ads.
/// </summary>
public static class AdStackGate
{
    /// <summary>The crawlers that never get the ad stack, matched case-sensitively anywhere in the User-Agent.</summary>
    public static IReadOnlyList<string> Bots { get; } = ["Googlebot", "Bingbot", "AhrefsBot", "SemrushBot", "DotBot"];

    /// <summary>The checks that need only the request: method, navigation, prefetch, crawler.</summary>
    public static AdStackOutcome CheckRequest(AdStackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Method, "GET", StringComparison.Ordinal))
        {
            return AdStackOutcome.NotGet;
        }

        if (!IsNavigation(request))
        {
            return AdStackOutcome.NotNavigation;
        }

        if (Contains(request.SecPurpose, "prefetch") || Contains(request.Purpose, "prefetch"))
        {
            return AdStackOutcome.Prefetch;
        }

        if (request.UserAgent is { Length: > 0 } ua)
        {
            foreach (var bot in Bots)
            {
                if (ua.Contains(bot, StringComparison.Ordinal))
                {
                    return AdStackOutcome.Bot;
                }
            }
        }

        return AdStackOutcome.Run;
    }

    /// <summary>The whole gate, in order.</summary>
    public static AdStackOutcome Decide(AdStackRequest request, bool slotMatches, Func<bool> consentAllows, bool auctionsEnabled)
    {
        ArgumentNullException.ThrowIfNull(consentAllows);
        var outcome = CheckRequest(request);
        if (outcome != AdStackOutcome.Run)
        {
            return outcome;
        }

        if (!auctionsEnabled)
        {
            return AdStackOutcome.AuctionsDisabled;
        }

        if (!slotMatches)
        {
            return AdStackOutcome.NoSlot;
        }

        return consentAllows() ? AdStackOutcome.Run : AdStackOutcome.NoConsent;
    }

    /// <summary>A label for logs and metrics.</summary>
    public static string Label(AdStackOutcome outcome) => outcome switch
    {
        AdStackOutcome.Run => "run",
        AdStackOutcome.NotGet => "not_get",
        AdStackOutcome.NotNavigation => "not_navigation",
        AdStackOutcome.Prefetch => "prefetch",
        AdStackOutcome.Bot => "bot",
        AdStackOutcome.NoSlot => "no_slot",
        AdStackOutcome.NoConsent => "no_consent",
        _ => "disabled",
    };

    private static bool IsNavigation(AdStackRequest request)
    {
        if (request.SecFetchMode is { } mode)
        {
            if (!string.Equals(mode.Trim(), "navigate", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return request.SecFetchDest is not { } dest || dest.Trim().ToLowerInvariant() is "document" or "iframe" or "frame";
        }

        if (request.SecFetchDest is { } destination)
        {
            return destination.Trim().ToLowerInvariant() is "document" or "iframe" or "frame";
        }

        return Contains(request.Accept, "text/html");
    }

    private static bool Contains(string? value, string token) =>
        value is not null && value.Contains(token, StringComparison.OrdinalIgnoreCase);
}
