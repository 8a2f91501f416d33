using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Demo;

public sealed class DemoAuctionTests
{
    [Fact]
    public async Task The_demo_answers_the_example_auction_with_its_fake_bidders_and_exports_the_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var demo = await DemoOrigin.StartAsync(ct);
        await using var proxy = await ProxyServer.StartAsync(demo.Options() with { Logging = new() { Level = "warning" } }, rewriting: true);
        var body = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "examples", "auction.json"), ct);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/auction") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Demo-Country", "US");
        using var response = await proxy.Client.SendAsync(request, ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seats = json["seatbid"]!.AsArray();
        Assert.Equal(["header-banner", "sidebar"], seats.Select(s => (string)s!["bid"]![0]!["impid"]!));
        Assert.All(seats, s => Assert.Equal("demo_bidder", (string)s!["seat"]!));
        Assert.Contains("Demo ad 1.25 CPM", (string)seats[0]!["bid"]![0]!["adm"]!, StringComparison.Ordinal);
        Assert.Equal(6, (int)json["ext"]!["orchestrator"]!["total_bids"]!);

        using var gdpr = new HttpRequestMessage(HttpMethod.Post, "/auction") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        gdpr.Headers.TryAddWithoutValidation("X-Demo-Country", "FR");
        using var denied = await proxy.Client.SendAsync(gdpr, ct);
        Assert.Empty(JsonNode.Parse(await denied.Content.ReadAsStringAsync(ct))!["seatbid"]!.AsArray());

        var metrics = await proxy.MetricsAsync(ct);
        Assert.Contains("ts_auctions_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"no_consent\"", metrics, StringComparison.Ordinal);
        Assert.Contains("ts_auction_provider_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("ts_auction_bids_total{", metrics, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
