using TrustedServer.Browser.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>A test of the screenshot test: a rewrite that breaks the page must be caught.</summary>
[Collection(BrowserTests.Name)]
public sealed class BrokenRewriteTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_rewrite_that_drops_the_stylesheet_makes_the_screenshot_comparison_fail()
    {
        await using var broken = await ProxyHost.StartAsync(fixture.DemoOptions(), StylesheetDroppingFactory.Register);

        var comparison = await ScreenshotPair.CompareAsync(fixture, broken, "/about", 200, "broken-rewrite");

        Assert.False(comparison.Identical, "the comparison did not notice a page without its stylesheet");
        Assert.True(comparison.DifferentPixels > 1000, $"a missing stylesheet should change much of the page: {comparison}");
        Assert.NotNull(comparison.DiffPath);
        Assert.True(File.Exists(comparison.DiffPath));
    }
}
