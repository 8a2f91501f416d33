using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>Requests Kestrel refuses before our middleware (414, 431) are counted and logged all the same.</summary>
public sealed class ServerRejectionTests
{
    [Fact]
    public async Task A_too_long_url_and_too_large_headers_are_counted_by_status_and_logged()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var capture = new CapturingLoggerProvider();
        var defaults = TestOptions.For(new Uri("http://127.0.0.1:9"));
        var options = defaults with
        {
            Server = defaults.Server with { MaxUrlBytes = 1024, MaxRequestHeaderBytes = 4096 },
            Logging = new LoggingOptions { Level = "information" },
        };
        await using var proxy = await ProxyServer.StartAsync(options, services => services.AddSingleton<ILoggerProvider>(capture));
        var before = await proxy.MetricsAsync(cancellationToken);

        var longUrl = await RawHttp.SendAsync(proxy.Url, "GET", "/" + new string('a', 2000));
        var bigHeaders = await RawHttp.SendAsync(proxy.Url, "GET", "/", "X-Big: " + new string('b', 8000) + "\r\n");
        var after = await proxy.MetricsAsync(cancellationToken);

        Assert.Equal(414, longUrl.Status);
        Assert.Equal(431, bigHeaders.Status);
        Assert.Equal(1, PrometheusText.Sum(after, "ts_rejected_requests_total", ("status", "414")) - PrometheusText.Sum(before, "ts_rejected_requests_total", ("status", "414")));
        Assert.Equal(1, PrometheusText.Sum(after, "ts_rejected_requests_total", ("status", "431")) - PrometheusText.Sum(before, "ts_rejected_requests_total", ("status", "431")));
        var rejected = capture.Entries.Where(e => e.Category == "TrustedServer.Requests" && e.Message.Contains("rejected", StringComparison.Ordinal)).ToList();
        Assert.Equal([414, 431], rejected.Select(e => (int)CapturingLoggerProvider.Fields(e.State)["Status"]!).Order());
        Assert.Contains(rejected, e => e.Message.Contains("max_url_bytes", StringComparison.Ordinal));
        Assert.Contains(rejected, e => e.Message.Contains("max_request_header_bytes", StringComparison.Ordinal));
        Assert.All(rejected, e => Assert.DoesNotContain("aaaa", e.Message, StringComparison.Ordinal));
        Assert.All(rejected, e => Assert.DoesNotContain("bbbb", e.Message, StringComparison.Ordinal));
    }
}
