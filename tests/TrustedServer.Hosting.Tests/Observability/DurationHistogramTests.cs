using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>Duration histograms are exported with boundaries in seconds, the unit their values are in.</summary>
public sealed partial class DurationHistogramTests
{
    private static readonly string[] ExpectedBounds =
        ["0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1", "2.5", "5", "7.5", "10", "30", "+Inf"];

    [Fact]
    public async Task Origin_ttfb_buckets_are_seconds_and_a_20_ms_origin_lands_in_its_bucket()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            await Task.Delay(20, context.RequestAborted);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("slow enough", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        await proxy.Client.GetStringAsync(new Uri("/a.txt", UriKind.Relative), cancellationToken);
        var scrape = await proxy.MetricsAsync(cancellationToken);

        var buckets = Buckets(scrape, "ts_origin_ttfb_seconds");
        Assert.Equal(ExpectedBounds, buckets.Select(b => b.Le));
        Assert.Equal(1, PrometheusText.Sum(scrape, "ts_origin_ttfb_seconds_count"));
        var seconds = PrometheusText.Sum(scrape, "ts_origin_ttfb_seconds_sum");
        Assert.InRange(seconds, 0.02, 30);

        // Cumulative counts: 0 in every bucket below the observed value, 1 from the first bound at or above it.
        foreach (var (_, le, count) in buckets)
        {
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            Assert.True(count == (seconds <= bound ? 1 : 0), $"le=\"{le}\" has {count} for one observation of {seconds} s");
        }

        Assert.Equal(0, buckets.Single(b => b.Le == "0.01").Count);
    }

    [Fact]
    public async Task Auction_provider_buckets_are_seconds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        await using var proxy = await ProxyServer.StartAsync(demo.Options() with { Logging = new() { Level = "warning" } }, rewriting: true);
        var body = """{"adUnits":[{"code":"top","mediaTypes":{"banner":{"sizes":[[300,250]]}},"bids":[{"bidder":"demo","params":{}}]}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auction") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Demo-Country", "US");

        using var response = await proxy.Client.SendAsync(request, cancellationToken);
        var scrape = await proxy.MetricsAsync(cancellationToken);

        Assert.Equal(StatusCodes.Status200OK, (int)response.StatusCode);
        var buckets = Buckets(scrape, "ts_auction_provider_seconds");
        Assert.NotEmpty(buckets);
        Assert.All(buckets.GroupBy(b => b.Labels), series => Assert.Equal(ExpectedBounds, series.Select(b => b.Le)));
    }

    /// <summary>The <c>_bucket</c> samples of <paramref name="name"/>: labels other than <c>le</c>, the bound, the count.</summary>
    private static List<(string Labels, string Le, double Count)> Buckets(string scrape, string name) =>
        [.. BucketLine().Matches(scrape)
            .Where(m => m.Groups["name"].Value == name)
            .Select(m => (
                LeLabel().Replace(m.Groups["labels"].Value, string.Empty),
                LeLabel().Match(m.Groups["labels"].Value).Groups["le"].Value,
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^(?<name>[a-z_]+)_bucket\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    [GeneratedRegex(@"(,?)le=""(?<le>[^""]*)""")]
    private static partial Regex LeLabel();
}
