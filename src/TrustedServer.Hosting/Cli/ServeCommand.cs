using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Demo;
using TrustedServer.Hosting.Listener;
using TrustedServer.Hosting.Reload;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Cli;

/// <summary><c>serve</c>: run with a configuration file, or the embedded demo without one.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string? configFile, string urls, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (ListenUrls.TryParse(urls, out var listen) is { } problem)
        {
            await stderr.WriteLineAsync("--urls: " + problem);
            return 1;
        }

        if (configFile is not null)
        {
            var result = ConfigLoader.LoadFile(configFile);
            if (!result.Success)
            {
                ConfigCommands.WriteErrors(result, stderr);
                return 1;
            }

            if (HttpsListenCheck.Problem(listen, result.Options!.Server) is { } tls)
            {
                await stderr.WriteLineAsync(tls);
                return 1;
            }

            return await RunAppAsync(result.Options!, listen, null, configFile, stdout, stderr, cancellationToken);
        }

        if (HttpsListenCheck.Problem(listen, null) is { } demoTls)
        {
            await stderr.WriteLineAsync(demoTls);
            return 1;
        }

        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        return await RunAppAsync(demo.Options(), listen, demo, null, stdout, stderr, cancellationToken);
    }

    private static async Task<int> RunAppAsync(TrustedServerOptions options, IReadOnlyList<string> urls, DemoOrigin? demo, string? configFile, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // With a file, SIGHUP reloads it (ReloadableServer); the demo has nothing to reload.
        ReloadableServer? reloadable = null;
        WebApplication app;
        try
        {
            if (configFile is not null)
            {
                reloadable = ReloadableServer.Create(configFile, options, [.. urls]);
                app = reloadable.Listener;
            }
            else
            {
                app = TrustedServerApp.Build(options, [.. urls]);

                // Opened now, so a store that cannot be opened stops startup instead of failing the first request.
                app.Services.GetService<IIdentityStore>();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stderr.WriteLineAsync("cannot start: " + ex.Message);
            return 1;
        }

        await using var started = (IAsyncDisposable?)reloadable ?? app;
        try
        {
            // The reloadable server opens its stores as its first generation starts.
            await (reloadable is null ? app.StartAsync(cancellationToken) : reloadable.StartAsync(cancellationToken));
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"cannot listen on {string.Join(';', urls)}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // What the binders cannot see (a key store that will not open, a store that is down) gets one line, not a stack trace.
            await stderr.WriteLineAsync("cannot start: " + ex.Message);
            return 1;
        }

        if (demo is null && OriginLoopCheck.Problem(options.Publisher.OriginUrl, app.Urls) is { } loop)
        {
            await stderr.WriteLineAsync(loop);
            await app.StopAsync(CancellationToken.None);
            return 1;
        }

        var json = options.Logging.Format == "json";
        var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(StartupLog.Category);
        var admin = app.Services.GetRequiredService<AdminListeners>();
        foreach (var url in app.Urls.Where(u => !admin.Contains(u)))
        {
            if (json && demo is null)
            {
                // Log shippers read stdout as one JSON object per line: a plain line there would break them.
                StartupLog.Proxying(startup, options.Publisher.OriginUrl, url);
                continue;
            }

            await stdout.WriteLineAsync(demo is null
                ? $"Trusted Server is proxying {options.Publisher.OriginUrl} at {url}"
                : $"Trusted Server demo: open {url} in a browser (the demo origin runs at {demo.Url}). Ctrl+C stops it.");
            if (demo is not null)
            {
                await stdout.WriteLineAsync($"Metrics: curl -H 'Authorization: Bearer {demo.MetricsToken}' {url}/_ts/metrics");
            }
        }

        foreach (var url in admin.Urls)
        {
            if (json)
            {
                StartupLog.AdminListening(startup, url);
                continue;
            }

            await stdout.WriteLineAsync($"Admin listener (/_ts/metrics, /_ts/admin/*, /_ts/health) at {url}");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
