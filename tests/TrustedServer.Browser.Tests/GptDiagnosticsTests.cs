using TrustedServer.Browser.Tests.Infrastructure;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Browser.Tests;

/// <summary>The GPT console in Chromium on the demo site: <c>?ts_console=1</c> activates it for the browser session
/// (an HttpOnly cookie the page cannot read), the directive leaves the visible URL, and <c>=0</c> ends it.</summary>
[Collection(BrowserTests.Name)]
public sealed class GptDiagnosticsTests(BrowserFixture fixture) : IAsyncLifetime
{
    private ProxyHost? _proxy;

    private ProxyHost Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        fixture.RequireBrowser();
        var options = fixture.DemoOptions();
        _proxy = await ProxyHost.StartAsync(options with
        {
            Integrations = options.Integrations with { GptDiagnostics = new GptDiagnosticsOptions { Enabled = true } },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_console_follows_the_session_cookie_and_the_directive_leaves_the_url()
    {
        await using var session = await fixture.OpenAsync();
        var site = new UriBuilder(Proxy.Url) { Host = "localhost" }.Uri;
        const string Api = "() => !!(window.tsjs && window.tsjs.gptDiagnostics)";

        await session.GotoAsync(new Uri(site, "/about?a=1&ts_console=1#top"));
        await session.Page.WaitForFunctionAsync(Api);
        Assert.Equal(new Uri(site, "/about?a=1#top").ToString(), session.Page.Url);
        var cookie = Assert.Single(await session.Context.CookiesAsync(), c => c.Name == "__Host-ts-console");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.DoesNotContain("ts-console", await session.Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        await session.Page.WaitForSelectorAsync("#trusted-server-gpt-diagnostics", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });

        await session.GotoAsync(site);
        await session.Page.WaitForFunctionAsync(Api);

        await session.GotoAsync(new Uri(site, "/?ts_console=0"));
        Assert.False(await session.Page.EvaluateAsync<bool>(Api));
        Assert.DoesNotContain(await session.Context.CookiesAsync(), c => c.Name == "__Host-ts-console");
        Assert.Equal(site.ToString(), session.Page.Url);

        var origin = site.GetLeftPart(UriPartial.Authority) + "/";
        Assert.All(session.Requests, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.Empty(session.ConsoleErrors);
    }
}
