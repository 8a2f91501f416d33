using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Cli;

/// <summary><c>explain</c> against a real loopback origin: the mapped URL pairs, and a failing origin's cause.</summary>
public sealed class ExplainReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-explain-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Explain_shows_the_first_five_mapped_urls_as_origin_and_first_party_pairs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Uri? originUrl = null;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            var html = new StringBuilder("<html><head><title>t</title></head><body>");
            for (var i = 1; i <= 7; i++)
            {
                html.Append($"<a href=\"{originUrl}page{i}.html?x={i}\">{i}</a>");
            }

            html.Append($"<img src=\"{originUrl}page1.html?x=1\"></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
        });
        originUrl = origin.Url;

        var (code, output, _) = await ExplainAsync("https://www.example.com/", origin.Url.GetLeftPart(UriPartial.Authority));

        Assert.Equal(0, code);
        Assert.Contains("  urls mapped: 8, the first 5:", output, StringComparison.Ordinal);
        var pairs = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(origin.Url.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [.. Enumerable.Range(1, 5).Select(i => $"{origin.Url}page{i}.html?x={i} -> http://www.example.com/page{i}.html?x={i}")],
            pairs);
    }

    [Fact]
    public async Task Explain_with_the_origin_down_shows_the_cause_and_exits_non_zero()
    {
        // A port that was just free: nothing listens there.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (code, output, error) = await ExplainAsync("/page.html", $"http://127.0.0.1:{port}");

        Assert.Equal(1, code);
        Assert.Contains("  client:    502", output, StringComparison.Ordinal);
        Assert.Contains("  failed:    error: origin_unreachable", output, StringComparison.Ordinal);
        Assert.Contains("Connection refused", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("delivery:  none (a local route", output, StringComparison.Ordinal);
        Assert.Contains("origin_unreachable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_of_a_slow_origin_reports_the_timeout_and_exits_non_zero()
    {
        await using var origin = await OriginServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted));

        var (code, output, _) = await ExplainAsync("/slow", origin.Url.GetLeftPart(UriPartial.Authority), "first_byte_timeout_ms = 300\n");

        Assert.Equal(1, code);
        Assert.Contains("  client:    504", output, StringComparison.Ordinal);
        Assert.Contains("  failed:    error: origin_timeout", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> ExplainAsync(string url, string originUrl, string publisherExtra = "")
    {
        var config = Path.Combine(_directory, "trusted-server.toml");
        await File.WriteAllTextAsync(config, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "{originUrl}"
            {publisherExtra}
            """, TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["explain", url, "--config", config], stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }
}
