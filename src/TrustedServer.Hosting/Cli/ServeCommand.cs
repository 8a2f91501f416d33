using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Demo;

namespace TrustedServer.Hosting.Cli;

/// <summary><c>serve</c>: run with a configuration file, or the embedded demo without one.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string? configFile, string urls, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (configFile is not null)
        {
            var result = ConfigLoader.LoadFile(configFile);
            if (!result.Success)
            {
                ConfigCommands.WriteErrors(result, stderr);
                return 1;
            }

            return await RunAppAsync(result.Options!, urls, null, stdout, stderr, cancellationToken);
        }

        await using var demo = await DemoOrigin.StartAsync(cancellationToken);
        return await RunAppAsync(demo.Options(), urls, demo, stdout, stderr, cancellationToken);
    }

    private static async Task<int> RunAppAsync(TrustedServerOptions options, string urls, DemoOrigin? demo, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using var app = TrustedServerApp.Build(options, urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"cannot listen on {urls}: {ex.Message}");
            return 1;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is Core.RequestSigning.KeyStoreException)
        {
            await stderr.WriteLineAsync(ex.Message);
            return 1;
        }

        foreach (var url in app.Urls)
        {
            await stdout.WriteLineAsync(demo is null
                ? $"Trusted Server is proxying {options.Publisher.OriginUrl} at {url}"
                : $"Trusted Server demo: open {url} in a browser (the demo origin runs at {demo.Url}). Ctrl+C stops it.");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
