using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Reload;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Tests.Reload;

/// <summary>
/// The reloadable server in process: generations swap on <see cref="ReloadableServer.ReloadAsync"/>, the old one lives
/// until its last request has finished, stores are kept while their setting is unchanged, listener keys wait for a
/// restart, and readiness stays 200 through a reload and turns 503 when shutdown begins.
/// </summary>
public sealed class ReloadableServerTests : IAsyncDisposable
{
    private const string Passphrase = "reload-tests-passphrase-0123456789abcdef";

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-reload-inproc-").FullName;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OriginServer? _origin;
    private ReloadableServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string File => Path.Combine(_directory, "ts.toml");

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_origin is not null)
        {
            await _origin.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task Site(HttpContext context)
    {
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body><p>first part</p>", context.RequestAborted);
        if (context.Request.Path == "/slow")
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _release.Task.WaitAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync("<p>last part</p></body></html>", context.RequestAborted);
    }

    private async Task WriteAsync(string value, string extra = "")
    {
        _origin ??= await OriginServer.StartAsync(Site);
        await System.IO.File.WriteAllTextAsync(
            File,
            $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{_origin.Url}\"\n[logging]\nlevel = \"warning\"\n[response_headers]\nX-Config = \"{value}\"\n{extra}",
            Ct);
    }

    private async Task<(ReloadableServer Server, HttpClient Client)> StartAsync(string value, string extra = "", Action<IServiceCollection>? configureServices = null)
    {
        await WriteAsync(value, extra);
        var loaded = ConfigLoader.LoadFile(File);
        Assert.True(loaded.Success, string.Join('\n', loaded.Errors));
        _server = ReloadableServer.Create(File, loaded.Options!, ["http://127.0.0.1:0"], configureServices);
        await _server.StartAsync(Ct);
        return (_server, new HttpClient { BaseAddress = new Uri(_server.Listener.Urls.First()) });
    }

    [Fact]
    public async Task The_previous_generation_is_disposed_only_after_its_last_request_has_finished()
    {
        var (server, client) = await StartAsync("one", configureServices: s => s.AddSingleton<DisposalProbe>());
        using var _ = client;
        var first = server.Services.GetRequiredService<DisposalProbe>();
        using var page = await SlowExchange.StartAsync(client.BaseAddress!, "/slow", "first part");

        await WriteAsync("two");
        var outcome = await server.ReloadAsync(Ct);
        var second = server.Services.GetRequiredService<DisposalProbe>();
        using var fresh = await client.GetAsync("/page", Ct);
        await Task.Delay(300, Ct);
        var disposedWhileInFlight = first.Disposed;
        _release.SetResult();
        var rest = await page.ReadToEndAsync();
        var disposedAfter = await first.WhenDisposed.WaitAsync(TimeSpan.FromSeconds(10), Ct).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);

        Assert.True(outcome.Applied);
        Assert.Equal(2, outcome.Generation);
        Assert.Equal(2, server.Generation);
        Assert.NotSame(first, second);
        Assert.Equal("two", Assert.Single(fresh.Headers.GetValues("X-Config")));
        Assert.False(disposedWhileInFlight, "the first generation was disposed while a request was still running on it");
        Assert.Contains("\r\nX-Config: one\r\n", rest.Text, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("<p>last part</p></body></html>\r\n0\r\n\r\n", rest.Text, StringComparison.Ordinal);
        Assert.True(disposedAfter, "the first generation was not disposed after its last request");
        Assert.False(second.Disposed);
    }

    [Fact]
    public async Task An_invalid_file_changes_nothing_and_names_the_key()
    {
        var (server, client) = await StartAsync("one");
        using var _ = client;
        var options = server.Services.GetRequiredService<TrustedServerOptions>();

        await System.IO.File.WriteAllTextAsync(File, "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"ftp://nowhere\"\n", Ct);
        var outcome = await server.ReloadAsync(Ct);
        using var after = await client.GetAsync("/page", Ct);

        Assert.False(outcome.Applied);
        Assert.Equal(1, outcome.Generation);
        Assert.Contains(outcome.Errors, e => e.Contains(":3: publisher.origin_url:", StringComparison.Ordinal));
        Assert.Same(options, server.Services.GetRequiredService<TrustedServerOptions>());
        Assert.Equal("one", Assert.Single(after.Headers.GetValues("X-Config")));
    }

    [Fact]
    public async Task The_identity_store_is_kept_while_its_setting_is_unchanged_and_replaced_when_it_changes()
    {
        var ec = $"[ec]\nenabled = true\npassphrase = \"{Passphrase}\"\nstore = \"memory\"\n";
        var (server, client) = await StartAsync("one", ec);
        using var _ = client;
        var memory = server.Services.GetRequiredService<IIdentityStore>();

        await WriteAsync("two", ec);
        var kept = await server.ReloadAsync(Ct);
        var afterKept = server.Services.GetRequiredService<IIdentityStore>();
        var file = Path.Combine(_directory, "ids.jsonl");
        await WriteAsync("three", ec.Replace("store = \"memory\"", $"store = \"{file}\"", StringComparison.Ordinal));
        var changed = await server.ReloadAsync(Ct);
        var afterChanged = server.Services.GetRequiredService<IIdentityStore>();

        Assert.True(kept.Applied);
        Assert.Same(memory, afterKept);
        Assert.True(changed.Applied);
        Assert.NotSame(memory, afterChanged);
        Assert.IsType<FileIdentityStore>(afterChanged);
    }

    [Fact]
    public async Task Listener_keys_wait_for_a_restart_and_are_reported_while_the_rest_applies()
    {
        var (server, client) = await StartAsync("one", "[server]\nshutdown_timeout_ms = 10000\n");
        using var _ = client;

        await WriteAsync("two", "[server]\nshutdown_timeout_ms = 2000\nmax_url_bytes = 4096\nmetrics_token = \"reload-tests-metrics-token-1\"\n");
        var outcome = await server.ReloadAsync(Ct);
        var running = server.Services.GetRequiredService<TrustedServerOptions>();
        using var after = await client.GetAsync("/page", Ct);

        Assert.True(outcome.Applied);
        Assert.Equal(["server.max_url_bytes", "server.shutdown_timeout_ms"], outcome.NotApplied.Order(StringComparer.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(10), running.Server.ShutdownTimeout);
        Assert.Null(running.Server.MaxUrlBytes);
        Assert.Equal("reload-tests-metrics-token-1", running.Server.MetricsToken);
        Assert.Equal("two", Assert.Single(after.Headers.GetValues("X-Config")));
    }

    [Fact]
    public async Task Ready_stays_200_through_reloads_and_answers_503_once_shutdown_begins()
    {
        var (server, client) = await StartAsync("one");
        using var _ = client;
        var statuses = new List<HttpStatusCode>();
        var reloads = Task.Run(
            async () =>
            {
                for (var i = 2; i <= 4; i++)
                {
                    await WriteAsync("gen" + i);
                    Assert.True((await server.ReloadAsync(Ct)).Applied);
                }
            },
            Ct);
        while (!reloads.IsCompleted)
        {
            using var ready = await client.GetAsync("/_ts/ready", Ct);
            statuses.Add(ready.StatusCode);
        }

        await reloads;
        server.Listener.Lifetime.StopApplication();
        using var stopping = await client.GetAsync("/_ts/ready", Ct);
        var json = JsonNode.Parse(await stopping.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(4, server.Generation);
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopping.StatusCode);
        Assert.Equal("stopping", (string?)json["status"]);
    }

    [Fact]
    public async Task A_configuration_that_cannot_start_leaves_the_running_one_serving()
    {
        var (server, client) = await StartAsync("one");
        using var _ = client;
        var keys = Path.Combine(_directory, "keys.json");
        await System.IO.File.WriteAllTextAsync(keys, "this is not a key store", Ct);

        await WriteAsync("two", $"[request_signing]\nenabled = true\nadmin_endpoints = false\nkey_store = \"file:{keys}\"\npassphrase = \"{Passphrase}\"\n");
        var outcome = await server.ReloadAsync(Ct);
        using var after = await client.GetAsync("/page", Ct);

        Assert.False(outcome.Applied);
        Assert.Equal(1, server.Generation);
        Assert.Contains(outcome.Errors, e => e.Contains("key store", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("one", Assert.Single(after.Headers.GetValues("X-Config")));
    }

    [Fact]
    public async Task Retired_generations_are_released_for_collection()
    {
        var (server, client) = await StartAsync("one", configureServices: s => s.AddSingleton<DisposalProbe>());
        using var _ = client;
        var retired = new List<WeakReference>();
        for (var i = 2; i <= 6; i++)
        {
            var probe = server.Services.GetRequiredService<DisposalProbe>();
            using (var response = await client.GetAsync("/page", Ct))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await WriteAsync("gen" + i);
            Assert.True((await server.ReloadAsync(Ct)).Applied);
            await probe.WhenDisposed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            retired.Add(new WeakReference(probe));
        }

        // No connection outlives the reloads, so nothing the test holds could keep a generation.
        client.Dispose();
        var collected = 0;
        for (var attempt = 0; attempt < 20 && collected < retired.Count; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            collected = retired.Count(w => !w.IsAlive);
            await Task.Delay(100, Ct);
        }

        Assert.Equal(retired.Count, collected);
    }

    /// <summary>A singleton of each generation that reports when its service provider disposes it.</summary>
    private sealed class DisposalProbe : IDisposable
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed => _disposed.Task.IsCompleted;

        public Task WhenDisposed => _disposed.Task;

        public void Dispose() => _disposed.TrySetResult();
    }
}
