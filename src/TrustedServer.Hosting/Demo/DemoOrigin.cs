using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Demo;

/// <summary>
/// The embedded demo: a small publisher site served by a second Kestrel on a loopback port, compressing text
/// (brotli or gzip, per <c>Accept-Encoding</c>) as a real site would, and leaving images and fonts alone.
/// </summary>
public sealed class DemoOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoOrigin(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The origin's base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Url { get; }

    /// <summary>The demo's <c>[server] metrics_token</c>, made at startup, so <c>/_ts/metrics</c> can be shown with it.</summary>
    public string MetricsToken { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The demo's <c>[publisher] proxy_secret</c>, made at startup.</summary>
    public string ProxySecret { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts the demo origin on a free loopback port.</summary>
    public static async Task<DemoOrigin> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Dictionary<string, DemoAsset>? site = null;
        app.Run(context =>
        {
            if (DemoBidders.Handles(context.Request.Path))
            {
                return DemoBidders.ServeAsync(context);
            }

            // The site's absolute links need the port, known only once Kestrel is listening.
            var origin = app.Urls.First();
            site ??= DemoSite.Build(origin);
            return ServeAsync(context, site, origin);
        });
        await app.StartAsync(cancellationToken);
        return new DemoOrigin(app, new Uri(app.Urls.First()));
    }

    /// <summary>The configuration that puts Trusted Server in front of this origin.</summary>
    public TrustedServerOptions Options() => new()
    {
        // A proxy secret turns the creatives' links into signed /first-party/click URLs.
        Publisher = new PublisherOptions { Domain = "localhost", OriginUrl = Url, CookieDomain = "localhost", ProxySecret = ProxySecret },
        Server = new ServerOptions { MetricsToken = MetricsToken },
        ResponseHeaders = new Dictionary<string, string> { ["x-ts-demo"] = "1" },

        // The visitor's country comes from a header so the consent gate can be shown both ways with curl.
        Geo = new GeoOptions { CountryHeader = "X-Demo-Country", RegionHeader = "X-Demo-Region" },
        Auction = new AuctionOptions
        {
            Enabled = true,
            Providers = ["prebid", "aps"],
            // Generous for loopback bidders: a cold first auction on a busy machine must not lose its Prebid answer,
            // or the APS stand-in would win where Prebid should.
            Timeout = TimeSpan.FromMilliseconds(3000),
            Prebid = new PrebidOptions { Enabled = true, ServerUrl = new Uri(Url, DemoBidders.PrebidPath), Timeout = TimeSpan.FromMilliseconds(2500) },
            // APS winners render through /integrations/aps/renderer, which loads this stand-in for APS's runner.
            Aps = new ApsOptions { Enabled = true, AccountId = "demo-account", Endpoint = new Uri(Url, DemoBidders.ApsPath), Timeout = TimeSpan.FromMilliseconds(2500), RunnerUrl = new Uri(Url, DemoAdPages.RunnerPath) },
        },

        // Every page has the two slots: auctioned while the page is fetched, the bids written before </body>.
        CreativeOpportunities = new CreativeOpportunitiesOptions
        {
            GamNetworkId = "21700000",
            SectionRoot = "home",
            // As generous as the auction's own budget, for the same reason: the first page after a cold start JIT-compiles
            // the whole auction path, and on a busy machine that alone outlasted 800 ms and left the page without bids.
            AuctionTimeout = TimeSpan.FromMilliseconds(2500),
            Slots =
            [
                new CreativeSlotOptions { Id = "top", DivId = "ad-top", GamUnitPath = "/{network_id}/demo/{section}", PagePatterns = ["/", "/*"], Formats = [new AdFormat(728, 90)], Targeting = new Dictionary<string, string> { ["pos"] = "top" } },
                new CreativeSlotOptions { Id = "side", DivId = "ad-side", GamUnitPath = "/{network_id}/demo/{section}", PagePatterns = ["/", "/*"], Formats = [new AdFormat(300, 250)], Targeting = new Dictionary<string, string> { ["pos"] = "side" } },
            ],
        },
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ServeAsync(HttpContext context, Dictionary<string, DemoAsset> site, string origin)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        if (path.Equals("/old-about", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = origin + "/about";
            return;
        }

        if (!site.TryGetValue(path, out var asset))
        {
            asset = site["404"];
        }

        response.StatusCode = asset.Status;
        response.ContentType = asset.ContentType;
        var body = asset.Identity;
        if (asset.Gzip is not null)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            var accept = context.Request.Headers.AcceptEncoding.ToString();
            if (asset.Brotli is not null && Accepts(accept, "br"))
            {
                response.Headers.ContentEncoding = "br";
                body = asset.Brotli;
            }
            else if (Accepts(accept, "gzip"))
            {
                response.Headers.ContentEncoding = "gzip";
                body = asset.Gzip;
            }
        }
        else
        {
            response.Headers.CacheControl = "public, max-age=86400";
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static bool Accepts(string acceptEncoding, string coding)
    {
        foreach (var item in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(';', StringSplitOptions.TrimEntries);
            if (parts[0].Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                return !(parts.Length > 1 && parts[1].Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
            }
        }

        return false;
    }
}
