using System.Collections.Concurrent;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>A pass-through body with a Content-Length is copied by our own loop with large reads, not YARP's.</summary>
public sealed class LengthKnownPassThroughTests
{
    [Fact]
    public async Task Bodies_copied_back_to_back_reuse_one_origin_connection_and_arrive_whole()
    {
        const int size = 3 * 1024 * 1024 + 17;
        var originConnections = new ConcurrentDictionary<string, int>();
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            originConnections.AddOrUpdate(context.Connection.Id, 1, (_, n) => n + 1);
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = size;
            await Bodies.WriteAsync(context.Response.Body, size, seed: 7, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        for (var i = 0; i < 3; i++)
        {
            using var response = await proxy.Client.GetAsync("/clip.mp4", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var (hash, length) = await Bodies.HashAsync(body, TestContext.Current.CancellationToken);

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(size, response.Content.Headers.ContentLength);
            Assert.Equal(size, length);
            Assert.Equal(Bodies.ExpectedHash(size, 7), hash);
        }

        // Each body was read to its end, so the origin's connection went back to the pool and served the next one.
        Assert.Equal(3, Assert.Single(originConnections).Value);
    }

    [Fact]
    public async Task An_origin_stalling_mid_body_past_the_between_bytes_timeout_aborts_the_client()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "image/png";
            context.Response.ContentLength = 1024 * 1024;
            await Bodies.WriteAsync(context.Response.Body, 300 * 1024, 3, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with
        {
            FirstByteTimeout = TimeSpan.FromMilliseconds(300),
            BetweenBytesTimeout = TimeSpan.FromMilliseconds(300),
        });

        using var response = await proxy.Client.GetAsync("/big.png", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);
        var read = Bodies.HashAsync(body, TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_cancels_the_origin_request()
    {
        var originSawAbort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => originSawAbort.TrySetResult());
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = 4 * 1024 * 1024;
            await Bodies.WriteAsync(context.Response.Body, 300 * 1024, 5, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using (var client = new HttpClient())
        {
            using var response = await client.GetAsync(new Uri(proxy.Url, "/blob.bin"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            var buffer = new byte[1024];
            Assert.True(await body.ReadAsync(buffer, TestContext.Current.CancellationToken) > 0);
        }

        await originSawAbort.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
