using TrustedServer.Browser.Tests.Imaging;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>Screenshots one page straight from the origin and through a proxy, kept under TestResults/screenshots.</summary>
internal static class ScreenshotPair
{
    public static async Task<ScreenshotComparison> CompareAsync(BrowserFixture fixture, ProxyHost proxy, string path, int status, string label)
    {
        var folder = Path.Combine(RepoPaths.Screenshots, label);
        var slug = DemoPages.Slug(path);

        // One context for both loads, so both render with the very same settings; the origin and the proxy listen on
        // different ports, so neither's cached responses can stand in for the other's.
        await using var session = await fixture.OpenAsync();
        var expected = await ShootAsync(session, new Uri(fixture.Demo.Url, path), status, Path.Combine(folder, slug + ".origin.png"));
        var actual = await ShootAsync(session, new Uri(proxy.Url, path), status, Path.Combine(folder, slug + ".proxy.png"));
        var diffPath = Path.Combine(folder, slug + ".diff.png");
        File.Delete(diffPath);
        return ScreenshotComparison.Compare(expected, actual, diffPath);
    }

    private static async Task<byte[]> ShootAsync(BrowserSession session, Uri url, int status, string file)
    {
        var response = await session.GotoAsync(url);
        Assert.Equal(status, response.Status);

        // Ads are what Trusted Server adds on purpose (the origin alone has no tsjs to fill them); their slots keep a
        // fixed size, so hiding what is inside them leaves the publisher's own content to compare.
        await session.Page.AddStyleTagAsync(new() { Content = ".ts-ad > * { visibility: hidden !important; }" });
        return await session.ScreenshotAsync(file);
    }
}
