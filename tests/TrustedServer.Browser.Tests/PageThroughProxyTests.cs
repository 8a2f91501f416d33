using TrustedServer.Browser.Tests.Infrastructure;

namespace TrustedServer.Browser.Tests;

/// <summary>Each demo page, loaded through Trusted Server, is whole, first-party and carries the Trusted Server script.</summary>
[Collection(BrowserTests.Name)]
public sealed class PageThroughProxyTests(BrowserFixture fixture)
{
    private const string ScriptPrefix = "/static/tsjs=tsjs-unified.min.js?v=";

    [Theory]
    [MemberData(nameof(DemoPages.All), MemberType = typeof(DemoPages))]
    public async Task Each_demo_page_loads_through_the_proxy_first_party_and_whole_with_the_script_injected_once(string path, int status)
    {
        await using var session = await fixture.OpenAsync();
        var response = await session.GotoAsync(new Uri(fixture.Proxy.Url, path));

        Assert.Equal(status, response.Status);
        Assert.Empty(session.Blocked);
        var foreign = session.Requests.Where(url => new Uri(url).Authority != fixture.Proxy.Authority).ToList();
        Assert.True(foreign.Count == 0, $"requests that did not go to the first-party host {fixture.Proxy.Authority}:\n" + string.Join("\n", foreign));
        Assert.True(session.Requests.Count > 1, "the page made no subresource request: " + string.Join(", ", session.Requests));
        var errors = session.ConsoleErrors.Where(e => !IsExpectedStatus(e, status, response.Url)).ToList();
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
        Assert.True(session.Failures.Count == 0, "failed requests:\n" + string.Join("\n", session.Failures));

        var images = await session.ImagesAsync();
        Assert.NotEmpty(images);
        var broken = images.Where(i => !i.Complete || i.NaturalWidth == 0).ToList();
        Assert.True(broken.Count == 0, "images that did not decode:\n" + string.Join("\n", broken));

        await AssertScriptInjectedOnceAsync(session);
    }

    /// <summary>One Trusted Server script tag, async, first in head, loaded from its versioned first-party URL.</summary>
    private async Task AssertScriptInjectedOnceAsync(BrowserSession session)
    {
        var scripts = await session.Page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('script')).filter(s => s.id === 'trustedserver-js' || (s.getAttribute('src') || '').includes('tsjs=')).map(s => s.outerHTML)");
        var script = Assert.Single(scripts);
        Assert.Contains("id=\"trustedserver-js\"", script);
        Assert.Contains("async", script);
        Assert.Equal("trustedserver-js", await session.Page.EvaluateAsync<string>("() => document.head.firstElementChild && document.head.firstElementChild.id"));
        var src = await session.Page.EvaluateAsync<string>("() => document.getElementById('trustedserver-js').getAttribute('src')");
        Assert.StartsWith(ScriptPrefix, src);
        Assert.True(src.Length > ScriptPrefix.Length, "the script URL has no version hash: " + src);
        Assert.Contains(new Uri(fixture.Proxy.Url, src).ToString(), session.Requests);
    }

    /// <summary>The console reports a page's own error status (the 404 page); that is the page working, not failing.</summary>
    private static bool IsExpectedStatus(string consoleError, int status, string pageUrl) =>
        status >= 400
        && consoleError.Contains($"status of {status}", StringComparison.Ordinal)
        && consoleError.Contains(pageUrl, StringComparison.Ordinal);
}
