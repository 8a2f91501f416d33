using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Reload;

/// <summary>
/// SIGHUP to the real executable: a valid file serves new requests while a page already streaming finishes on the
/// configuration it started with; an invalid one is logged with its key and line and the running one stays; reloads
/// under concurrent traffic fail no request.
/// </summary>
public sealed class SighupReloadTests : IDisposable
{
    private const string ThirdPartyScript = "https://cdn.other.example/a.js";

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-reload-").FullName;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string File => Path.Combine(_directory, "ts.toml");

    /// <summary><c>/slow</c> sends its first part, then waits for the test's release; every other path answers at once.</summary>
    private async Task Site(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><head></head><body><p>first part</p>", context.RequestAborted);
        if (context.Request.Path == "/slow")
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _release.Task.WaitAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync($"<script src=\"{ThirdPartyScript}\"></script><p>last part</p></body></html>", context.RequestAborted);
    }

    private async Task WriteConfigAsync(Uri origin, string value, string extra = "")
    {
        await System.IO.File.WriteAllTextAsync(
            File,
            $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{origin}\"\n[response_headers]\nX-Config = \"{value}\"\n{extra}",
            Ct);
    }

    private async Task<(ServerProcess Server, Uri Url)> StartAsync(Uri origin)
    {
        await WriteConfigAsync(origin, "one");
        var server = ServerProcess.Start(["serve", "--config", File, "--urls", "http://127.0.0.1:0"]);
        return (server, await server.WaitForListenUrlAsync());
    }

    private static Task<string> ReloadedAsync(ServerProcess server, int generation) =>
        server.WaitForLineAsync(l => l.Contains($"Configuration reloaded: generation {generation} ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_valid_change_serves_new_requests_while_a_page_in_flight_finishes_on_the_old_configuration()
    {
        await using var origin = await OriginServer.StartAsync(Site);
        var (server, url) = await StartAsync(origin.Url);
        using var _ = server;
        using var page = await SlowExchange.StartAsync(url, "/slow", "first part");

        await WriteConfigAsync(origin.Url, "two", "[rewrite]\nhosts = [\"cdn.other.example\"]\n");
        server.Hangup();
        await ReloadedAsync(server, 2);
        using var client = new HttpClient { BaseAddress = url };
        using var fresh = await client.GetAsync("/page", Ct);
        var freshBody = await fresh.Content.ReadAsStringAsync(Ct);
        _release.SetResult();
        var rest = await page.ReadToEndAsync();

        Assert.Equal("two", Assert.Single(fresh.Headers.GetValues("X-Config")));
        Assert.Contains("last part", freshBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ThirdPartyScript, freshBody, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Config: one\r\n", rest.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ThirdPartyScript, rest.Text, StringComparison.Ordinal);
        Assert.Contains("last part", rest.Text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n0\r\n\r\n", rest.Text, StringComparison.Ordinal);
        Assert.True(rest.ClosedCleanly);
    }

    [Fact]
    public async Task An_invalid_file_is_logged_with_its_key_and_line_and_the_running_configuration_stays()
    {
        await using var origin = await OriginServer.StartAsync(Site);
        var (server, url) = await StartAsync(origin.Url);
        using var _ = server;

        await System.IO.File.WriteAllTextAsync(File, $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"not a url\"\n[response_headers]\nX-Config = \"two\"\n", Ct);
        server.Hangup();
        var error = await server.WaitForLineAsync(l => l.Contains("Configuration not reloaded", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        using var client = new HttpClient { BaseAddress = url };
        using var after = await client.GetAsync("/page", Ct);
        await WriteConfigAsync(origin.Url, "three");
        server.Hangup();
        await ReloadedAsync(server, 2);
        using var fixedFile = await client.GetAsync("/page", Ct);

        Assert.Contains("generation 1 stays", error, StringComparison.Ordinal);
        Assert.Contains(":3: publisher.origin_url:", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("one", Assert.Single(after.Headers.GetValues("X-Config")));
        Assert.Equal("three", Assert.Single(fixedFile.Headers.GetValues("X-Config")));
    }

    [Fact]
    public async Task Reloads_under_concurrent_requests_fail_none()
    {
        await using var origin = await OriginServer.StartAsync(Site);
        var (server, url) = await StartAsync(origin.Url);
        using var _ = server;
        using var client = new HttpClient { BaseAddress = url };
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        async Task LoopAsync()
        {
            for (var i = 0; i < 2000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await client.GetAsync("/page", Ct);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    if (response.StatusCode != HttpStatusCode.OK || !body.EndsWith("</html>", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"{(int)response.StatusCode}: {body}");
                    }

                    seen.AddOrUpdate(response.Headers.GetValues("X-Config").Single(), 1, (_, n) => n + 1);
                }
                catch (HttpRequestException ex)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        }

        var loops = Enumerable.Range(0, 6).Select(_ => Task.Run(LoopAsync, Ct)).ToArray();
        for (var generation = 2; generation <= 4; generation++)
        {
            await Task.Delay(300, Ct);
            await WriteConfigAsync(origin.Url, "gen" + generation);
            server.Hangup();
            await ReloadedAsync(server, generation);
        }

        await Task.Delay(300, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Empty(failures);
        Assert.True(seen.ContainsKey("one"), string.Join(", ", seen.Keys));
        Assert.True(seen.ContainsKey("gen4"), string.Join(", ", seen.Keys));
    }
}
