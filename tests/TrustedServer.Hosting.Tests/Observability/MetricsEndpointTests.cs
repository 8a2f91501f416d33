using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_after_a_mix_of_requests_match_what_was_sent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await SmallSite.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var before = await proxy.MetricsAsync(cancellationToken);
        var page = await proxy.Client.GetByteArrayAsync(new Uri("/page.html", UriKind.Relative), cancellationToken);
        var image = await proxy.Client.GetByteArrayAsync(new Uri("/img.png", UriKind.Relative), cancellationToken);
        using var missing = await proxy.Client.GetAsync(new Uri("/nope", UriKind.Relative), cancellationToken);
        var missingBody = await missing.Content.ReadAsByteArrayAsync(cancellationToken);
        using var scrapeRequest = proxy.MetricsRequest();
        using var scrape = await proxy.Client.SendAsync(scrapeRequest, cancellationToken);
        var after = await scrape.Content.ReadAsStringAsync(cancellationToken);

        double Delta(string name, params (string, string)[] labels) =>
            PrometheusText.Sum(after, name, labels) - PrometheusText.Sum(before, name, labels);

        Assert.Equal(StatusCodes.Status404NotFound, (int)missing.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Delta("ts_requests_total", ("mode", "stream"), ("status_class", "2xx")));
        Assert.Equal(1, Delta("ts_requests_total", ("mode", "passthrough"), ("status_class", "2xx")));
        Assert.Equal(1, Delta("ts_requests_total", ("mode", "buffered"), ("status_class", "4xx")));
        Assert.Equal(1, Delta("ts_requests_total", ("mode", "none"), ("status_class", "2xx")));
        Assert.Equal(3, Delta("ts_origin_ttfb_seconds_count"));
        Assert.Equal(SmallSite.Page.Length + SmallSite.Image.Length + SmallSite.NotFound.Length, Delta("ts_origin_bytes_total"));

        // The first scrape's own body is counted once it has been sent, so it shows in the second scrape.
        Assert.Equal(page.Length + image.Length + missingBody.Length + Encoding.UTF8.GetByteCount(before), Delta("ts_client_bytes_total"));
        Assert.Equal(SmallSite.Image, image);
        Assert.Contains("# TYPE ts_client_bytes_total counter", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_page_counts_its_mapped_urls_and_the_injected_script()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Uri? originUrl = null;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            var html = $"<html><head><title>t</title></head><body><a href=\"{originUrl}a\">a</a><img src=\"{originUrl}b.png\"></body></html>";
            await context.Response.WriteAsync(html, context.RequestAborted);
        });
        originUrl = origin.Url;
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var before = await proxy.MetricsAsync(cancellationToken);
        var page = await proxy.Client.GetStringAsync(new Uri("/page.html", UriKind.Relative), cancellationToken);
        var after = await proxy.MetricsAsync(cancellationToken);

        Assert.DoesNotContain(origin.Url.Authority, page, StringComparison.Ordinal);
        Assert.Equal(2, PrometheusText.Sum(after, "ts_urls_rewritten_total") - PrometheusText.Sum(before, "ts_urls_rewritten_total"));
        Assert.Equal(1, PrometheusText.Sum(after, "ts_injections_total", ("what", "script")) - PrometheusText.Sum(before, "ts_injections_total", ("what", "script")));
    }

    [Fact]
    public async Task A_body_over_the_decode_cap_counts_a_cap_hit_and_an_aborted_stream()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var bomb = Bodies.Encode(new byte[1024 * 1024], "gzip");
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bomb, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { MaxDecodedBodyBytes = 64 * 1024 });

        var before = await proxy.MetricsAsync(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/bomb.html");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await proxy.Client.SendAsync(request, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Expected when the headers were already sent: the proxy aborts the connection.
        }

        var after = await proxy.MetricsAsync(cancellationToken);

        Assert.Equal(1, PrometheusText.Sum(after, "ts_decode_cap_hits_total") - PrometheusText.Sum(before, "ts_decode_cap_hits_total"));
        Assert.Equal(1, PrometheusText.Sum(after, "ts_aborted_streams_total", ("reason", "decode_cap")) - PrometheusText.Sum(before, "ts_aborted_streams_total", ("reason", "decode_cap")));
    }

    [Fact]
    public async Task Two_apps_in_one_process_count_apart()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await SmallSite.StartAsync();
        await using var busy = await ProxyServer.StartAsync(origin.Url);
        await using var idle = await ProxyServer.StartAsync(origin.Url);

        await busy.Client.GetByteArrayAsync(new Uri("/page.html", UriKind.Relative), cancellationToken);
        await busy.Client.GetByteArrayAsync(new Uri("/img.png", UriKind.Relative), cancellationToken);
        var busyScrape = await busy.MetricsAsync(cancellationToken);
        var idleScrape = await idle.MetricsAsync(cancellationToken);

        Assert.Equal(2, PrometheusText.Sum(busyScrape, "ts_responses_total"));
        Assert.Equal(0, PrometheusText.Sum(idleScrape, "ts_responses_total"));
        Assert.Equal(0, PrometheusText.Sum(idleScrape, "ts_origin_bytes_total"));
    }
}
