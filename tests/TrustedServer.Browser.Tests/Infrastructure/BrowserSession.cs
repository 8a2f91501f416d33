using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// One isolated browser context and page with identical viewport and rendering settings every time (so screenshots
/// compare pixel for pixel), recording what the page asked for and what went wrong. Every request whose host is not
/// loopback is aborted before it leaves and recorded; disposing a session that blocked one fails the test.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _blocked = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _failures = new();

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => _requests.Enqueue(request.Url);
        page.RequestFailed += (_, request) =>
        {
            if (!_blocked.Contains(request.Url))
            {
                _failures.Enqueue($"request failed: {request.Url} ({request.Failure})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                _failures.Enqueue($"subresource status {response.Status}: {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue("uncaught: " + error);
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    /// <summary>Every URL the page requested, in order (navigations, redirects and subresources).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests to a host other than loopback, aborted by the guard.</summary>
    public IReadOnlyList<string> Blocked => [.. _blocked];

    /// <summary>Console errors and uncaught exceptions.</summary>
    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    /// <summary>Failed requests and subresources answered with an error status.</summary>
    public IReadOnlyList<string> Failures => [.. _failures];

    /// <param name="browser">The shared browser.</param>
    /// <param name="userAgent">Replaces Chromium's own User-Agent (which names it headless) when given.</param>
    /// <param name="headers">Sent with every request, like the geo headers a CDN adds in front of the proxy.</param>
    public static async Task<BrowserSession> OpenAsync(IBrowser browser, string? userAgent = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = userAgent,
            ExtraHTTPHeaders = headers,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            DeviceScaleFactor = 1,
            Locale = "en-US",
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        await context.RouteAsync("**/*", session.GuardAsync);
        return session;
    }

    /// <summary>Navigates and waits until the page's own scripts have finished fetching.</summary>
    public async Task<IResponse> GotoAsync(Uri url)
    {
        var response = await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException("no response for " + url);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return response;
    }

    /// <summary>Every img element's source and decoded width (0 when the image did not decode).</summary>
    public async Task<IReadOnlyList<ImageState>> ImagesAsync()
    {
        var raw = await Page.EvaluateAsync<string[]>(
            "() => Array.from(document.images).map(i => (i.complete ? '1' : '0') + ' ' + i.naturalWidth + ' ' + (i.currentSrc || i.src))");
        return [.. raw.Select(ImageState.Parse)];
    }

    /// <summary>A full-page PNG screenshot, written to <paramref name="path"/> as a test artifact.</summary>
    public async Task<byte[]> ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Type = ScreenshotType.Png,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
            Scale = ScreenshotScale.Css,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        if (!_blocked.IsEmpty)
        {
            Assert.Fail("the browser tried to reach a host other than loopback: " + string.Join(", ", _blocked));
        }
    }

    private async Task GuardAsync(IRoute route)
    {
        if (IsLoopback(route.Request.Url))
        {
            await route.ContinueAsync();
            return;
        }

        _blocked.Enqueue(route.Request.Url);
        await route.AbortAsync("blockedbyclient");
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host is "127.0.0.1" or "localhost" or "[::1]";
}
