using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>The in-flight gauge and the process and .NET runtime metrics in the <c>/_ts/metrics</c> exposition.</summary>
public sealed class RuntimeMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_in_flight_gauge_counts_requests_that_have_not_finished()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            await context.Response.WriteAsync("done", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var idle = await ScrapeAsync(proxy);
        var slow = proxy.Client.GetStringAsync(new Uri("/slow", UriKind.Relative), Ct);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var busy = await ScrapeAsync(proxy);
        release.SetResult();
        Assert.Equal("done", await slow);

        // The client can read the last byte a moment before the server's middleware has finished the request.
        var after = await ScrapeAsync(proxy);
        for (var i = 0; i < 100 && PrometheusText.Sum(after, "ts_requests_in_flight") != 1; i++)
        {
            await Task.Delay(20, Ct);
            after = await ScrapeAsync(proxy);
        }

        // The scrape itself is in flight while it is written.
        Assert.Equal(1, PrometheusText.Sum(idle, "ts_requests_in_flight"));
        Assert.Equal(2, PrometheusText.Sum(busy, "ts_requests_in_flight"));
        Assert.Equal(1, PrometheusText.Sum(after, "ts_requests_in_flight"));
        Assert.Contains("# TYPE ts_requests_in_flight gauge", busy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process_cpu_time_seconds_total")]
    [InlineData("process_memory_usage_bytes")]
    [InlineData("process_thread_count")]
    [InlineData("dotnet_gc_collections_total")]
    [InlineData("dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("dotnet_thread_pool_thread_count")]
    [InlineData("dotnet_process_memory_working_set_bytes")]
    public async Task Process_and_runtime_metrics_are_exported(string metric)
    {
        await using var proxy = await ProxyServer.StartAsync(new Uri("http://127.0.0.1:9"));

        var text = await ScrapeAsync(proxy);

        Assert.Contains("\n" + metric, "\n" + text, StringComparison.Ordinal);
    }

    private static Task<string> ScrapeAsync(ProxyServer proxy) => proxy.MetricsAsync(Ct);
}
