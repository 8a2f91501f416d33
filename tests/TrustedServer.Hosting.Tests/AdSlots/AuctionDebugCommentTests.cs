using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.AdSlots.AdSlotsHarness;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary><c>[debug] auction_html_comment</c> on the page, and what <c>explain</c> says about a page auction.</summary>
public sealed class AuctionDebugCommentTests : IDisposable
{
    private const string Page = "<html><head></head><body><p>x</p></body></html>";
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-ssat-explain-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<OriginServer> OriginAsync() => OriginServer.StartAsync(async context =>
    {
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(Page, context.RequestAborted);
    });

    private static async Task<string> PageAsync(DebugOptions debug, string adm)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var origin = await OriginAsync();
        await using var bidder = await Auction.FakeBidder.StartAsync(r => new Auction.FakeAnswer(Body: Auction.FakeBidder.Response("x", ("top", 2.5, "appnexus", adm))));
        await using var proxy = await StartAsync(Options(origin.Url, bidder, more: o => o with { Debug = debug }));
        using var response = await proxy.Client.SendAsync(Navigation("/news"), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    [Fact]
    public async Task Off_by_default()
    {
        var body = await PageAsync(new DebugOptions(), "<b>ad</b>");

        Assert.DoesNotContain("ts-debug", body, StringComparison.Ordinal);
        Assert.Contains("scheduleInitialAdInit", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redacted_by_default_before_the_bids_script_and_unable_to_end_the_comment()
    {
        var body = await PageAsync(new DebugOptions { AuctionHtmlComment = true }, "<b>secret creative --> <!-- x</b>");

        var comment = Between(body, "<p>x</p><!-- ts-debug: ", " --><script>(function(w)");
        Assert.DoesNotContain("--", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("secret creative", comment, StringComparison.Ordinal);
        var dump = JsonNode.Parse(comment)!;
        Assert.Equal("bid", (string)dump["outcome"]!);
        Assert.Equal("/news", (string)dump["path"]!);
        Assert.Equal("prebid", (string)dump["providers"]![0]!["name"]!);
        Assert.Equal("success", (string)dump["providers"]![0]!["status"]!);
        Assert.Equal("2.50", (string)dump["bids"]![0]!["hb_pb"]!);
        Assert.Null(dump["bids"]![0]!["adm"]);
    }

    [Fact]
    public async Task Full_and_pretty_shows_the_creative_with_its_comment_terminators_broken()
    {
        var body = await PageAsync(
            new DebugOptions { AuctionHtmlComment = true, AuctionComment = new AuctionCommentOptions { Verbosity = "full", Pretty = true } },
            "<b>creative --> here</b>");

        var comment = Between(body, "<!-- ts-debug: ", " -->");
        Assert.Contains("\n  \"auction_id\"", comment, StringComparison.Ordinal);
        Assert.Contains("<b>creative - -> here</b>", comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_shows_the_slots_providers_time_and_where_the_bids_went()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var origin = await OriginAsync();
        await using var bidder = await BidderAsync();
        var config = Path.Combine(_directory, "ts.toml");

        // explain's request comes from 127.0.0.1: a visitor in a US state without a privacy law.
        var database = new Core.Tests.Geo.MmdbWriter().Add("127.0.0.1", Core.Tests.Geo.MmdbWriter.City("US", "TX")).WriteTempFile();
        await File.WriteAllTextAsync(config, $$"""
            [publisher]
            domain = "www.example.com"
            origin_url = "{{origin.Url.GetLeftPart(UriPartial.Authority)}}"

            [geo]
            database = "{{database}}"

            [auction]
            enabled = true
            providers = ["prebid"]

            [integrations.prebid]
            enabled = true
            server_url = "{{bidder.Url}}"
            timeout_ms = 5000

            [creative_opportunities]
            gam_network_id = "1234"
            auction_timeout_ms = 5000

            [[creative_opportunities.slot]]
            id = "top"
            page_patterns = ["/news/*"]
            formats = [{ width = 728, height = 90 }]
            """, ct);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["explain", "/news/a", "--config", config], stdout, stderr, ct);

        Assert.Equal(0, code);
        Assert.Matches(@"  page auction: slots top \(/1234/top\); providers prebid:success [0-9.]+ ms; auction [0-9.]+ ms; bid; 1 bids written before </body> at [0-9.]+ ms", stdout.ToString());

        using var notRun = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["explain", "/about", "--config", config], notRun, stderr, ct));
        File.Delete(database);
        Assert.Contains("  page auction: not run (no_slot)", notRun.ToString(), StringComparison.Ordinal);
    }
}
