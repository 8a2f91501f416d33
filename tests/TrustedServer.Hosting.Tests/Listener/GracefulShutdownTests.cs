using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Listener;

/// <summary>
/// SIGTERM to the real executable while a slow page streams: new connections are refused at once, a response that
/// finishes within <c>[server] shutdown_timeout_ms</c> arrives whole, and one that does not is cut so that the client
/// sees an error (no terminating chunk; fewer bytes than the Content-Length), never a complete-looking body.
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private const int BinaryLength = 1_000_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-shutdown-").FullName;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A page and a binary that send their first part, then wait for the test's release (or forever).</summary>
    private async Task SlowSite(HttpContext context)
    {
        if (context.Request.Path == "/slow.bin")
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = BinaryLength;
            await context.Response.Body.WriteAsync(new byte[1000], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _release.Task.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(new byte[BinaryLength - 1000], context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body><p>first part</p>", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await _release.Task.WaitAsync(context.RequestAborted);
        await context.Response.WriteAsync("<p>last part</p></body></html>", context.RequestAborted);
    }

    private async Task<(ServerProcess Server, Uri Url)> StartAsync(Uri origin, int shutdownTimeoutMs)
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{origin}\"\n[server]\nshutdown_timeout_ms = {shutdownTimeoutMs}\n", Ct);
        var server = ServerProcess.Start(["serve", "--config", file, "--urls", "http://127.0.0.1:0"]);
        return (server, await server.WaitForListenUrlAsync());
    }

    [Fact]
    public async Task A_response_that_finishes_within_the_timeout_arrives_whole_while_new_connections_are_refused()
    {
        await using var origin = await OriginServer.StartAsync(SlowSite);
        var (server, url) = await StartAsync(origin.Url, 10_000);
        using var _ = server;
        using var page = await SlowExchange.StartAsync(url, "/slow", "first part");

        server.Terminate();
        await server.WaitForLineAsync(l => l.Contains("Shutting down", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var refused = await ConnectionRefusedAsync(url);
        _release.SetResult();
        var rest = await page.ReadToEndAsync();
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(refused, "a new connection was accepted after SIGTERM");
        Assert.Contains("last part", rest.Text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n0\r\n\r\n", rest.Text, StringComparison.Ordinal);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Responses_still_running_at_the_timeout_are_cut_and_the_client_sees_an_error()
    {
        await using var origin = await OriginServer.StartAsync(SlowSite);
        var (server, url) = await StartAsync(origin.Url, 1000);
        using var _ = server;
        using var page = await SlowExchange.StartAsync(url, "/slow", "first part");
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        using var binary = await client.GetAsync("/slow.bin", HttpCompletionOption.ResponseHeadersRead, Ct);
        var binaryBody = await binary.Content.ReadAsStreamAsync(Ct);
        var received = await binaryBody.ReadAtLeastAsync(new byte[1000], 1000, throwOnEndOfStream: true, Ct);

        server.Terminate();
        var rest = await page.ReadToEndAsync();
        var error = await Record.ExceptionAsync(async () => await binaryBody.CopyToAsync(Stream.Null, Ct));
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(BinaryLength, binary.Content.Headers.ContentLength);
        Assert.Equal(1000, received);
        Assert.IsAssignableFrom<IOException>(error);
        Assert.DoesNotContain("last part", rest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n0\r\n\r\n", rest.Text, StringComparison.Ordinal);
        Assert.Equal(0, exit);
    }

    private static async Task<bool> ConnectionRefusedAsync(Uri url)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(url.Host, url.Port, Ct);
            }
            catch (SocketException)
            {
                return true;
            }

            await Task.Delay(100, Ct);
        }

        return false;
    }
}
