using Microsoft.Playwright;
using TrustedServer.Hosting.Demo;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// One Chromium, one demo origin and one Trusted Server in front of it, shared by every browser test: starting the
/// browser is the slow part, while each test opens its own isolated context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // The browser must only ever reach loopback: no proxy, no background traffic, and every host name other than
    // the loopback ones resolves to nothing, so even a request that slipped past the route guard cannot leave.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private DemoOrigin? _demo;
    private ProxyHost? _proxy;
    private string _unavailable = string.Empty;

    /// <summary>The demo publisher site, served straight from its loopback port.</summary>
    internal DemoOrigin Demo => _demo ?? throw new InvalidOperationException("fixture not started");

    /// <summary>Trusted Server in front of <see cref="Demo"/> with the default services.</summary>
    internal ProxyHost Proxy => _proxy ?? throw new InvalidOperationException("fixture not started");

    public async ValueTask InitializeAsync()
    {
        _demo = await DemoOrigin.StartAsync(CancellationToken.None);
        _proxy = await ProxyHost.StartAsync(DemoOptions());
        var executable = ChromiumLocator.Find();
        if (executable is null)
        {
            _unavailable = "no Chromium binary found (looked at TS_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, "
                + "/usr/bin/google-chrome); install Debian's chromium package (./run-tests does) to run the browser tests";
            return;
        }

        // Playwright's own browser download cannot work here and must never be attempted.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>The demo configuration, quiet enough for test output.</summary>
    internal Core.Configuration.TrustedServerOptions DemoOptions() =>
        Demo.Options() with { Logging = new Core.Configuration.LoggingOptions { Level = "warning" } };

    /// <summary>
    /// The shared browser. Without one, the test is skipped with the reason, except under CI, where a missing browser
    /// is a failure: CI installs it, so its absence means the suite silently stopped testing anything.
    /// </summary>
    internal IBrowser RequireBrowser()
    {
        if (_browser is not null)
        {
            return _browser;
        }

        if (ChromiumLocator.RunningInCi)
        {
            Assert.Fail("CI is set but " + _unavailable);
        }

        Assert.Skip(_unavailable);
        return null!;
    }

    /// <summary>A fresh browser context and page on the shared browser, guarded to loopback.</summary>
    internal Task<BrowserSession> OpenAsync(string? userAgent = null, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        BrowserSession.OpenAsync(RequireBrowser(), userAgent, headers);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
    }
}
