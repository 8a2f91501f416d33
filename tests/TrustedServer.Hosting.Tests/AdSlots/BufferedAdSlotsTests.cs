using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.AdSlots.AdSlotsHarness;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>Buffered delivery (an HTML post-processor is registered) gets the same slots and bids, with an exact length.</summary>
public sealed class BufferedAdSlotsTests
{
    private sealed class UnchangedPostProcessor : IHtmlPostProcessor
    {
        public ReadOnlyMemory<byte> Process(ReadOnlyMemory<byte> document, VisitorRequest request) => document;
    }

    [Fact]
    public async Task A_buffered_page_gets_the_slots_and_the_bids_before_body_end()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head></head><body><p>x</p></body></html>", context.RequestAborted);
        });
        await using var bidder = await BidderAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, bidder), s => s.AddSingleton<IHtmlPostProcessor, UnchangedPostProcessor>(), rewriting: true);

        using var response = await proxy.Client.SendAsync(Navigation("/news/a"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains("<head><script>(function(w){var t=w.tsjs=w.tsjs||{};t.adSlots=", body, StringComparison.Ordinal);
        Assert.Matches("<p>x</p><script>\\(function\\(w\\)\\{var t=w.tsjs=w.tsjs\\|\\|\\{\\};var b=\\{\"top\".*</script></body></html>$", body);
    }
}
