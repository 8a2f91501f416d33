using System.Text.Json.Nodes;
using TrustedServer.Hosting.Tests.Auction;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.Auction.AuctionHarness;
using static TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.RequestSigning;

/// <summary>Request signing switched on beside the auction: what a demand partner receives and can check.</summary>
public sealed class SignedAuctionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_prebid_server_request_carries_a_signature_that_verify_signature_accepts()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var prebid = await FakeBidder.StartAsync(_ => new FakeAnswer(Body: FakeBidder.Response("x")));
        var options = AuctionHarness.Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }) with
        {
            RequestSigning = SigningHarness.Options(origin.Url).RequestSigning,
            Handlers = SigningHarness.Options(origin.Url).Handlers,
        };
        await using var proxy = await AuctionHarness.StartAsync(options);
        await RotateAsync(proxy.Client, "auction-key");

        await AuctionHarness.SendAsync(proxy, Post(OneSlot), Ct);

        var sent = prebid.Single.Json;
        var ext = sent["ext"]!["trusted_server"]!;
        Assert.Equal("1.1", (string?)ext["version"]);
        Assert.Equal("auction-key", (string?)ext["kid"]);
        Assert.Equal(proxy.Url.Authority, (string?)ext["request_host"]);
        Assert.Equal("http", (string?)ext["request_scheme"]);

        // The payload a partner rebuilds from the request: these keys, this order, compact.
        var payload = new JsonObject
        {
            ["version"] = "1.1",
            ["kid"] = "auction-key",
            ["host"] = (string?)ext["request_host"],
            ["scheme"] = (string?)ext["request_scheme"],
            ["id"] = (string?)sent["id"],
            ["ts"] = (long)ext["ts"]!,
        }.ToJsonString();
        using var verified = await proxy.Client.SendAsync(Verify(payload, (string)ext["signature"]!, "auction-key"), Ct);
        Assert.True((await JsonAsync(verified)).GetProperty("verified").GetBoolean(), payload);

        using var tampered = await proxy.Client.SendAsync(Verify(payload.Replace("auction-key", "auction-kez", StringComparison.Ordinal), (string)ext["signature"]!, "auction-key"), Ct);
        Assert.False((await JsonAsync(tampered)).GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Without_an_active_key_the_auction_still_runs_unsigned()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var prebid = await FakeBidder.StartAsync(_ => new FakeAnswer(Body: FakeBidder.Response("x")));
        var options = AuctionHarness.Options(a => a with { Providers = ["prebid"], Prebid = Prebid(prebid) }) with
        {
            RequestSigning = SigningHarness.Options(origin.Url).RequestSigning,
            Handlers = SigningHarness.Options(origin.Url).Handlers,
        };
        await using var proxy = await AuctionHarness.StartAsync(options);

        var (response, _) = await AuctionHarness.SendAsync(proxy, Post(OneSlot), Ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(prebid.Single.Json["ext"]?["trusted_server"]);
    }
}
