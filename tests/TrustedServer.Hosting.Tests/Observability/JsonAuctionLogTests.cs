using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrustedServer.Hosting.Tests.Auction;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>With <c>[logging] format = "json"</c>, the auction's fields are part of the request line's JSON object.</summary>
public sealed class JsonAuctionLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-jsonauction-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_request_line_of_an_auction_carries_providers_winners_and_time_as_json_fields()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var prebid = await FakeBidder.StartAsync(_ => new FakeAnswer(Body: FakeBidder.Response("x", ("top", 2.5, "appnexus", "<div>ad</div>"))));
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "http://127.0.0.1:9"
            [geo]
            country_header = "X-Geo-Country"
            [auction]
            enabled = true
            providers = ["prebid"]
            # A fresh process's first auction compiles its whole path; on a busy machine that can outlast the defaults.
            timeout_ms = 10000
            [integrations.prebid]
            enabled = true
            server_url = "{prebid.Url}"
            timeout_ms = 10000
            [logging]
            level = "information"
            format = "json"
            """, cancellationToken);

        using var server = ServerProcess.Start(["serve", "--config", file, "--urls", "http://127.0.0.1:0"]);
        var url = await server.WaitForListenUrlAsync();
        using (var client = new HttpClient())
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/auction")))
        {
            request.Content = new StringContent(AuctionHarness.OneSlot, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("X-Geo-Country", "US");
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TestBrowser", "1.0"));
            using var response = await client.SendAsync(request, cancellationToken);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        var line = await server.WaitForLineAsync(l => l.Contains("TrustedServer.Requests", StringComparison.Ordinal) && l.Contains("/auction", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        using var json = JsonDocument.Parse(line);
        var state = json.RootElement.GetProperty("State");
        Assert.Equal("POST", state.GetProperty("Method").GetString());
        Assert.Equal("bid", state.GetProperty("AuctionOutcome").GetString());
        Assert.Equal("prebid:success", state.GetProperty("AuctionProviders").GetString());
        Assert.Equal("top=appnexus@2.50", state.GetProperty("AuctionWinners").GetString());
        Assert.Equal(1, state.GetProperty("AuctionBids").GetInt32());
        Assert.True(state.GetProperty("AuctionMs").GetDouble() > 0);
        Assert.Equal(200, state.GetProperty("Status").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", state.GetProperty("RequestId").GetString());
    }
}
