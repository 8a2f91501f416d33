using TrustedServer.Browser.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>Rewriting must never change what the reader sees: the proxied page renders exactly as the origin's.</summary>
[Collection(BrowserTests.Name)]
public sealed class ScreenshotParityTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(DemoPages.All), MemberType = typeof(DemoPages))]
    public async Task Each_demo_page_looks_the_same_through_the_proxy_as_straight_from_the_origin(string path, int status)
    {
        var comparison = await ScreenshotPair.CompareAsync(fixture, fixture.Proxy, path, status, "parity");

        Assert.True(comparison.Identical, $"{path} through the proxy differs from the origin: {comparison}");
    }
}
