using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.AdSlots.AdSlotsHarness;

namespace TrustedServer.Hosting.Tests.AdSlots;

/// <summary>
/// The page auction does not delay the page's first bytes, measured: a 300 ms auction, an origin that sends its head
/// at once and the rest only when the client has it. For each page, the time from the origin's flush of its first
/// part to the client's first read of the body, on one clock, over several pages (after one warm-up page), with and
/// without a page auction for comparison.
/// </summary>
public sealed class PageAuctionFirstByteTests
{
    private const int Pages = 12;

    [Fact]
    public async Task A_300_ms_page_auction_does_not_delay_the_first_body_bytes()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var originFirstPart = 0L;
        TaskCompletionSource clientHasHead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!doctype html><html><head><title>t</title></head><body><p>first</p>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            Interlocked.Exchange(ref originFirstPart, clock.ElapsedTicks);

            // The rest only once the client has the first part: a proxy that held the page for the auction never gets it.
            await Volatile.Read(ref clientHasHead).Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
            await context.Response.WriteAsync("<p>second</p></body></html>", context.RequestAborted);
        });
        await using var bidder = await BidderAsync(delay: TimeSpan.FromMilliseconds(300));
        await using var proxy = await StartAsync(Options(origin.Url, bidder, Slots(timeoutMs: 2500)));

        async Task<(double LatencyMs, double SinceSentMs, string Body)> PageAsync(string path)
        {
            Volatile.Write(ref clientHasHead, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var sent = clock.ElapsedTicks;
            using var response = await proxy.Client.SendAsync(Navigation(path), HttpCompletionOption.ResponseHeadersRead, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[64 * 1024];
            var read = await stream.ReadAsync(buffer, ct);
            var firstRead = clock.ElapsedTicks;
            var received = new StringBuilder(Encoding.UTF8.GetString(buffer, 0, read));
            var latencyMs = (firstRead - Interlocked.Read(ref originFirstPart)) * 1000.0 / Stopwatch.Frequency;
            while (!received.ToString().Contains("<p>first</p>", StringComparison.Ordinal))
            {
                read = await stream.ReadAsync(buffer, ct);
                Assert.NotEqual(0, read);
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            Volatile.Read(ref clientHasHead).SetResult();
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            return (latencyMs, (firstRead - sent) * 1000.0 / Stopwatch.Frequency, received.ToString());
        }

        // One page of each kind first, so that start-up and JIT are not measured.
        await PageAsync("/news/warm");
        await PageAsync("/other");
        var withAuction = new List<double>();
        var without = new List<double>();
        for (var i = 0; i < Pages; i++)
        {
            var (latency, sinceSent, body) = await PageAsync("/news/" + i.ToString(CultureInfo.InvariantCulture));
            withAuction.Add(latency);

            // The bidder answers 300 ms after it is asked, which is after the request was sent: bytes read before
            // that cannot have waited for the auction.
            Assert.True(sinceSent < 300, $"page {i}: the first bytes came {sinceSent:0.0} ms after the request, when the auction could have ended");
            Assert.Contains("t.adSlots=", body[..body.IndexOf("<p>first</p>", StringComparison.Ordinal)], StringComparison.Ordinal);
            Assert.Matches("<p>second</p><script>.*scheduleInitialAdInit.*</script></body></html>$", body);

            // A path no slot matches: the same page without a page auction.
            var (plain, _, plainBody) = await PageAsync("/other");
            without.Add(plain);
            Assert.DoesNotContain("adSlots", plainBody, StringComparison.Ordinal);
        }

        var report = $"first body bytes after the origin's first part, {Pages} pages each: with a 300 ms page auction {Summary(withAuction)}; without {Summary(without)}";
        TestContext.Current.SendDiagnosticMessage(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        // The bar is 5 ms, held by the median: single pages on a loaded 2-core machine (other builds and tests beside
        // this one) can take longer, with or without an auction, and are bounded above by the auction's 300 ms.
        Assert.True(Median(withAuction) < 5, report);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Summary(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"median {Median(values):0.00} ms, min {values.Min():0.00} ms, max {values.Max():0.00} ms");
}
