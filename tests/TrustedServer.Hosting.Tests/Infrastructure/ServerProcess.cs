using System.Diagnostics;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>
/// The real executable (<c>dotnet trusted-server.dll</c>) in a child process, optionally under a lower open-file limit
/// (<c>ulimit -n</c>), with its stdout and stderr collected line by line.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return [.. _stdout];
            }
        }
    }

    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Starts <c>trusted-server</c> with <paramref name="args"/>; with <paramref name="openFileLimit"/>, under that <c>ulimit -n</c>.</summary>
    public static ServerProcess Start(IEnumerable<string> args, int? openFileLimit = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "trusted-server.dll");
        ProcessStartInfo start;
        if (openFileLimit is { } limit)
        {
            // The limit applies to this child only; the shell replaces itself with the server.
            start = new ProcessStartInfo("/bin/sh");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"ulimit -n {limit} && exec dotnet \"$0\" \"$@\"");
            start.ArgumentList.Add(dll);
        }
        else
        {
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(dll);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TRUSTED_SERVER__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("trusted-server did not start"));
    }

    /// <summary>
    /// Waits for <c>serve</c>'s startup line ("Trusted Server is proxying ... at URL") and returns the public URL, from the
    /// plain line or, with <c>format = "json"</c>, from its <c>State.Url</c>.
    /// </summary>
    public async Task<Uri> WaitForListenUrlAsync()
    {
        var line = await WaitForLineAsync(l => l.Contains("proxying", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        if (line.StartsWith('{'))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            return new Uri(json.RootElement.GetProperty("State").GetProperty("Url").GetString()!);
        }

        return new Uri(line[(line.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim());
    }

    /// <summary>Waits for a stdout line that satisfies <paramref name="match"/>; fails with the output when it never comes.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no matching line; exited: {_process.HasExited}\nstdout:\n{string.Join('\n', Stdout)}\nstderr:\n{string.Join('\n', Stderr)}");
        return string.Empty;
    }

    /// <summary>Sends SIGTERM, as systemd, Docker and Kubernetes do to stop a service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    /// <summary>Sends SIGHUP, as <c>systemctl reload</c>, <c>kill -HUP</c> and <c>docker kill -s HUP</c> do to reload the configuration.</summary>
    public void Hangup()
    {
        using var kill = Process.Start("kill", ["-HUP", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"still running after {timeout}\nstdout:\n{string.Join('\n', Stdout)}\nstderr:\n{string.Join('\n', Stderr)}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }
    }
}
