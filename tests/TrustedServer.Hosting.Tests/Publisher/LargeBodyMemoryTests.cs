using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

[Collection(nameof(MemorySensitive))]
public sealed class LargeBodyMemoryTests
{
    private const long Size = 200L * 1024 * 1024;
    private const long HeapLimit = 64L * 1024 * 1024;

    [Fact]
    public async Task A_200_MiB_binary_passes_through_intact_while_the_managed_heap_stays_under_64_MiB()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = Size;
            await Bodies.WriteAsync(context.Response.Body, Size, seed: 42, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);
        var expected = Bodies.ExpectedHash(Size, 42);

        var peak = await MeasurePeakHeapAsync(async () =>
        {
            using var response = await proxy.Client.GetAsync("/movie.mp4", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var (hash, length) = await Bodies.HashAsync(body, TestContext.Current.CancellationToken);
            Assert.Equal(Size, response.Content.Headers.ContentLength);
            Assert.Equal(Size, length);
            Assert.Equal(expected, hash);
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap growth during the transfer: {peak / (1024.0 * 1024):F1} MiB");
        Assert.True(peak < HeapLimit, $"managed heap grew by {peak / (1024 * 1024)} MiB");
    }

    [Fact]
    public async Task A_64_MiB_gzip_html_page_streams_through_the_codec_pipeline_in_bounded_memory()
    {
        const long PageSize = 64L * 1024 * 1024;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = Bodies.Encoder(context.Response.Body, "gzip");
            await Bodies.WriteAsync(gzip, PageSize, seed: 64, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);
        var expected = Bodies.ExpectedHash(PageSize, 64);

        var peak = await MeasurePeakHeapAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/huge.html");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await proxy.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = Bodies.Decoder(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), "gzip");
            var (hash, length) = await Bodies.HashAsync(body, TestContext.Current.CancellationToken);
            Assert.True(response.Headers.TransferEncodingChunked);
            Assert.Equal(PageSize, length);
            Assert.Equal(expected, hash);
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap growth during the stream: {peak / (1024.0 * 1024):F1} MiB");
        Assert.True(peak < HeapLimit, $"managed heap grew by {peak / (1024 * 1024)} MiB");
    }

    /// <summary>
    /// The most the managed heap grew above what was live before <paramref name="transfer"/> started. What earlier tests
    /// in this process left reachable (buffers kept by the shared array pools, caches) is not the transfer's doing and is
    /// not counted; everything the transfer allocates, garbage included until the GC takes it, is.
    /// </summary>
    internal static async Task<long> MeasurePeakHeapAsync(Func<Task> transfer)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        long peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(10, done.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, TestContext.Current.CancellationToken);

        try
        {
            await transfer();
        }
        finally
        {
            await done.CancelAsync();
            await sampler;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap before the transfer: {baseline / (1024.0 * 1024):F1} MiB");
        return peak - baseline;
    }
}
