using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>
/// The real Next.js fixture site (<c>tests/fixtures/nextjs-app</c>) served by <c>next start</c> on a free loopback
/// port. It is built once (its <c>build.sh</c> skips the build while its sources are unchanged); without Node or a build
/// the test is skipped with the reason, except under CI, where that is a failure.
/// </summary>
internal sealed class NextJsOrigin : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static string? _buildProblem;
    private static bool _built;

    private readonly Process _process;

    private NextJsOrigin(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The origin's URL, <c>http://127.0.0.1:PORT</c>, which its pages also write into their links.</summary>
    public Uri Url { get; }

    /// <summary>The origin's authority, <c>127.0.0.1:PORT</c>.</summary>
    public string Authority => Url.Authority;

    public static string AppFolder { get; } = Path.Combine(FindRoot(), "tests", "fixtures", "nextjs-app");

    public static async Task<NextJsOrigin> StartAsync(CancellationToken cancellationToken)
    {
        await EnsureBuiltAsync(cancellationToken);
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = AppFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NEXT_TELEMETRY_DISABLED"] = "1";
        start.Environment["ORIGIN_URL"] = url.GetLeftPart(UriPartial.Authority);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var origin = new NextJsOrigin(process, url);
        try
        {
            await origin.WaitReadyAsync(cancellationToken);
            return origin;
        }
        catch
        {
            await origin.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"next start exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Url, "/second"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("next start did not answer within 60 s");
    }

    /// <summary>Builds the app once per process (a no-op when its build stamp matches); skips or fails without one.</summary>
    private static async Task EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        await BuildGate.WaitAsync(cancellationToken);
        try
        {
            if (!_built && _buildProblem is null)
            {
                _buildProblem = await BuildAsync(cancellationToken);
                _built = _buildProblem is null;
            }
        }
        finally
        {
            BuildGate.Release();
        }

        if (_buildProblem is { } problem)
        {
            if (RunningInCi)
            {
                Assert.Fail("CI is set but " + problem);
            }

            Assert.Skip(problem);
        }
    }

    private static async Task<string?> BuildAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = AppFolder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build.sh");
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode == 0
                ? null
                : $"the Next.js fixture did not build (node and npm are needed; tests/fixtures/nextjs-app/build.sh exited {process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "the Next.js fixture cannot be built here: " + e.Message;
        }
    }

    private static bool RunningInCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "false", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found above " + AppContext.BaseDirectory);
    }
}
