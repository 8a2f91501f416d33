using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Tests.Geo;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.Geo;

/// <summary>
/// The jurisdiction taken from a <c>[geo] database</c>, end to end through the running server. The test client
/// always connects from 127.0.0.1: either that address is mapped in the file, or 127.0.0.1 is a trusted proxy and the
/// visitor's address comes from <c>X-Forwarded-For</c>.
/// </summary>
public sealed class GeoJurisdictionTests : IDisposable
{
    private const string ForwardedDe = "192.0.2.10";
    private const string ForwardedCalifornia = "198.51.100.7";
    private const string ForwardedNewYork = "203.0.113.5";
    private const string ForwardedUnmapped = "100.64.0.1";

    private readonly string _database = new MmdbWriter()
        .Add("127.0.0.1", MmdbWriter.City("DE"))
        .Add("192.0.2.0/24", MmdbWriter.City("DE"))
        .Add("198.51.100.0/24", MmdbWriter.City("US", "CA"))
        .Add("203.0.113.0/24", MmdbWriter.City("US", "NY"))
        .WriteTempFile();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_database);

    private TrustedServerOptions DatabaseOptions(Uri origin, bool trustLoopbackProxy = false, bool headers = false) =>
        Options(origin) with
        {
            Geo = headers
                ? new GeoOptions { CountryHeader = CountryHeader, RegionHeader = RegionHeader, Database = _database }
                : new GeoOptions { Database = _database },
            Proxy = trustLoopbackProxy ? new ProxyOptions { TrustedProxies = [IPNetwork.Parse("127.0.0.1/32")] } : new ProxyOptions(),
        };

    private static HttpRequestMessage From(string? forwardedFor, string? cookies = null, string? country = null, bool gpc = false)
    {
        var request = Navigation("/page.html", country: country, cookies: cookies);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        if (gpc)
        {
            request.Headers.TryAddWithoutValidation("Sec-GPC", "1");
        }

        return request;
    }

    private static async Task<string?> EcCookieAsync(ProxyServer proxy, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await proxy.Client.SendAsync(request, Ct);
            await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return EcSetCookie(response);
        }
    }

    [Fact]
    public async Task A_loopback_client_mapped_to_DE_gets_GDPR_behaviour()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(DatabaseOptions(origin.Url));

        var withoutConsent = await EcCookieAsync(proxy, From(null));
        var withPurposeOne = await EcCookieAsync(proxy, From(null, cookies: "euconsent-v2=" + TcString(purpose1: true)));
        var withoutPurposeOne = await EcCookieAsync(proxy, From(null, cookies: "euconsent-v2=" + TcString(purpose1: false)));

        Assert.Null(withoutConsent);
        Assert.NotNull(withPurposeOne);
        Assert.Null(withoutPurposeOne);
        var stored = await proxy.Services.GetRequiredService<IIdentityStore>().GetAsync(IdOf(withPurposeOne), Ct);
        Assert.Equal("DE", stored!.Record.Geo?.Country);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_picks_GDPR_US_state_non_regulated_or_unknown()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(DatabaseOptions(origin.Url, trustLoopbackProxy: true));
        var tcf = "euconsent-v2=" + TcString(purpose1: true);

        // DE: TCF purpose 1 decides.
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedDe)));
        Assert.NotNull(await EcCookieAsync(proxy, From(ForwardedDe, cookies: tcf)));

        // US/CA: no signal denies, a US Privacy string without opt-out allows, GPC or an opt-out denies.
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedCalifornia)));
        var california = await EcCookieAsync(proxy, From(ForwardedCalifornia, cookies: "us_privacy=1YNN"));
        Assert.NotNull(california);
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedCalifornia, cookies: "us_privacy=1YYN")));
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedCalifornia, cookies: "us_privacy=1YNN", gpc: true)));

        // US/NY is not a listed privacy state: non-regulated, allowed without signals.
        Assert.NotNull(await EcCookieAsync(proxy, From(ForwardedNewYork)));

        // Not in the file: unknown, which fails closed even with consent.
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedUnmapped, cookies: tcf)));

        var stored = await proxy.Services.GetRequiredService<IIdentityStore>().GetAsync(IdOf(california), Ct);
        Assert.Equal("US", stored!.Record.Geo?.Country);
        Assert.Equal("CA", stored.Record.Geo?.Region);
    }

    [Fact]
    public async Task A_configured_geo_header_wins_over_the_database_when_the_request_carries_it()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(DatabaseOptions(origin.Url, headers: true));

        // The file says DE for 127.0.0.1; the CDN header says US (no privacy state), so no consent is needed.
        var headerWins = await EcCookieAsync(proxy, From(null, country: "US"));
        var databaseFallback = await EcCookieAsync(proxy, From(null));

        Assert.NotNull(headerWins);
        Assert.Null(databaseFallback);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_a_forwarded_address_is_ignored()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(DatabaseOptions(origin.Url));

        // X-Forwarded-For claims New York (non-regulated), but only 127.0.0.1 (DE) is believed.
        Assert.Null(await EcCookieAsync(proxy, From(ForwardedNewYork)));
    }
}
