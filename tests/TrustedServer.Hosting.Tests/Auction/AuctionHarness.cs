using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Auction;

/// <summary>The real app with <c>[auction]</c> pointed at loopback fakes; geo from request headers.</summary>
internal static class AuctionHarness
{
    public const string OneSlot = """{"adUnits":[{"code":"top","mediaTypes":{"banner":{"sizes":[[300,250]]}},"bids":[{"bidder":"appnexus","params":{"placementId":1}}]}]}""";

    public static TrustedServerOptions Options(Func<AuctionOptions, AuctionOptions> auction, Func<TrustedServerOptions, TrustedServerOptions>? more = null)
    {
        var options = TestOptions.For(new Uri("http://127.0.0.1:9")) with
        {
            Geo = new GeoOptions { CountryHeader = "X-Geo-Country", RegionHeader = "X-Geo-Region" },
            Auction = auction(new AuctionOptions { Enabled = true }),
        };
        return more is null ? options : more(options);
    }

    // Generous by default: a first request to a fresh fake on a loaded 2-core machine can take over a second, and the
    // auction's own 2 s budget caps it anyway; tests about timeouts pass their own.
    public static PrebidOptions Prebid(FakeBidder fake, int timeoutMs = 5000) =>
        new() { Enabled = true, ServerUrl = fake.Url, Timeout = TimeSpan.FromMilliseconds(timeoutMs) };

    public static ApsOptions Aps(FakeBidder fake, int timeoutMs = 5000) =>
        new() { Enabled = true, AccountId = "acct-1", Endpoint = fake.Url, Timeout = TimeSpan.FromMilliseconds(timeoutMs) };

    public static Task<ProxyServer> StartAsync(TrustedServerOptions options, Action<IServiceCollection>? services = null) =>
        ProxyServer.StartAsync(options, services);

    public static HttpRequestMessage Post(string body, string country = "US", string? region = "TX", string? cookies = null, string? referer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auction") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Geo-Country", country);
        if (region is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Geo-Region", region);
        }

        if (cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TestBrowser", "1.0"));
        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Json)> SendAsync(ProxyServer proxy, HttpRequestMessage request, CancellationToken ct)
    {
        var response = await proxy.Client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text);
        }

        return (response, json);
    }

    public static JsonObject Orchestrator(JsonNode json) => json["ext"]!["orchestrator"]!.AsObject();

    public static JsonObject Detail(JsonNode json, string provider) =>
        Orchestrator(json)["provider_details"]!.AsArray().Single(d => (string)d!["name"]! == provider)!.AsObject();
}
