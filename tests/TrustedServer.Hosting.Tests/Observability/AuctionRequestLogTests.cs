using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary><c>POST /auction</c> reports its auction (providers, winners, time) in the request's one log line.</summary>
public sealed class AuctionRequestLogTests
{
    [Fact]
    public async Task The_auction_is_in_the_request_line_and_nowhere_else()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        var capture = new CapturingLoggerProvider();
        await using var proxy = await ProxyServer.StartAsync(
            demo.Options() with { Logging = new LoggingOptions { Level = "information" } },
            services => services.AddSingleton<ILoggerProvider>(capture),
            rewriting: true);

        using var response = await proxy.Client.SendAsync(Post("US"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        var line = await capture.WaitForAsync(e => e.Category == "TrustedServer.Requests" && e.Message.StartsWith("POST /auction", StringComparison.Ordinal));
        var fields = CapturingLoggerProvider.Fields(line.State);
        Assert.Equal(200, fields["Status"]);
        Assert.Contains(":", (string)fields["AuctionProviders"]!, StringComparison.Ordinal);

        // On a loaded machine a demo bidder can miss its deadline; the line must say what the answer said.
        var seats = System.Text.Json.Nodes.JsonNode.Parse(body)!["seatbid"]!.AsArray();
        if (seats.Count > 0)
        {
            Assert.Equal("bid", fields["AuctionOutcome"]);
            Assert.Equal(
                string.Join(',', seats.Select(s => $"{s!["bid"]![0]!["impid"]}={s["seat"]}")),
                System.Text.RegularExpressions.Regex.Replace((string)fields["AuctionWinners"]!, @"@[\d.]+", string.Empty));
            Assert.Contains(":success", (string)fields["AuctionProviders"]!, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("no_bid", fields["AuctionOutcome"]);
            Assert.Equal("none", fields["AuctionWinners"]);
        }

        Assert.IsType<double>(fields["AuctionMs"]);
        Assert.Contains((string)fields["AuctionId"]!, body, StringComparison.Ordinal);
        Assert.Contains("auction " + fields["AuctionOutcome"] + " in ", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(capture.Entries, e => e.Category.Contains("Auction", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.Single(capture.Entries, e => e.Category == "TrustedServer.Requests");
    }

    [Fact]
    public async Task An_auction_refused_for_consent_says_so_in_the_request_line()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        var capture = new CapturingLoggerProvider();
        await using var proxy = await ProxyServer.StartAsync(
            demo.Options() with { Logging = new LoggingOptions { Level = "information" } },
            services => services.AddSingleton<ILoggerProvider>(capture),
            rewriting: true);

        using var response = await proxy.Client.SendAsync(Post("FR"), cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);

        var line = await capture.WaitForAsync(e => e.Category == "TrustedServer.Requests");
        Assert.Equal("no_consent", CapturingLoggerProvider.Fields(line.State)["AuctionOutcome"]);
        Assert.Contains("auction not run: no_consent", line.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Post(string country)
    {
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "auction.json"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/auction") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Demo-Country", country);
        return request;
    }
}
