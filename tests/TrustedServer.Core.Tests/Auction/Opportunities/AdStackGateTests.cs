using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Core.Tests.Auction.Opportunities;

public sealed class AdStackGateTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";

    public static TheoryData<AdStackRequest, AdStackOutcome> Requests() => new()
    {
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, Chrome), AdStackOutcome.Run },
        { new AdStackRequest("GET", "navigate", "iframe", "*/*", null, null, Chrome), AdStackOutcome.Run },
        { new AdStackRequest("GET", null, null, "text/html,application/xhtml+xml", null, null, Chrome), AdStackOutcome.Run },
        { new AdStackRequest("GET", null, null, null, null, null, null), AdStackOutcome.NotNavigation },
        { new AdStackRequest("HEAD", "navigate", "document", "text/html", null, null, Chrome), AdStackOutcome.NotGet },
        { new AdStackRequest("POST", "navigate", "document", "text/html", null, null, Chrome), AdStackOutcome.NotGet },
        { new AdStackRequest("GET", "cors", "empty", "text/html", null, null, Chrome), AdStackOutcome.NotNavigation },
        { new AdStackRequest("GET", "no-cors", "image", "*/*", null, null, Chrome), AdStackOutcome.NotNavigation },
        { new AdStackRequest("GET", "navigate", "image", "text/html", null, null, Chrome), AdStackOutcome.NotNavigation },
        { new AdStackRequest("GET", null, "document", null, null, null, Chrome), AdStackOutcome.Run },
        { new AdStackRequest("GET", null, null, "application/json", null, null, Chrome), AdStackOutcome.NotNavigation },
        { new AdStackRequest("GET", "navigate", "document", "text/html", "prefetch", null, Chrome), AdStackOutcome.Prefetch },
        { new AdStackRequest("GET", "navigate", "document", "text/html", "prefetch;prerender", null, Chrome), AdStackOutcome.Prefetch },
        { new AdStackRequest("GET", null, null, "text/html", null, "prefetch", Chrome), AdStackOutcome.Prefetch },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "Mozilla/5.0 (compatible; Googlebot/2.1)"), AdStackOutcome.Bot },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "Mozilla/5.0 (compatible; bingbot/2.0)"), AdStackOutcome.Run },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "x Bingbot y"), AdStackOutcome.Bot },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "AhrefsBot/7.0"), AdStackOutcome.Bot },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "SemrushBot"), AdStackOutcome.Bot },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "DotBot/1.2"), AdStackOutcome.Bot },
        { new AdStackRequest("GET", "navigate", "document", "text/html", null, null, "googlebot"), AdStackOutcome.Run },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void The_request_checks(AdStackRequest request, AdStackOutcome expected) =>
        Assert.Equal(expected, AdStackGate.CheckRequest(request));

    [Theory]
    [InlineData(true, true, true, AdStackOutcome.Run)]
    [InlineData(false, true, true, AdStackOutcome.NoSlot)]
    [InlineData(true, false, true, AdStackOutcome.NoConsent)]
    [InlineData(true, true, false, AdStackOutcome.AuctionsDisabled)]
    public void Slots_consent_and_the_kill_switch(bool slot, bool consent, bool enabled, AdStackOutcome expected)
    {
        var request = new AdStackRequest("GET", "navigate", "document", "text/html", null, null, Chrome);
        var consentAsked = false;

        var outcome = AdStackGate.Decide(request, slot, () => { consentAsked = true; return consent; }, enabled);

        Assert.Equal(expected, outcome);
        Assert.Equal(slot && enabled, consentAsked);
    }

    [Fact]
    public void A_failed_request_check_never_asks_for_consent()
    {
        var asked = false;
        var outcome = AdStackGate.Decide(new AdStackRequest("POST"), true, () => asked = true, true);

        Assert.Equal(AdStackOutcome.NotGet, outcome);
        Assert.False(asked);
    }
}
