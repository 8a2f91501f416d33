using System.Diagnostics;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>Runs a tool (curl, docker, ...) to completion with its output captured; killed when it outlives the timeout.</summary>
internal static class ChildProcess
{
    public sealed record Result(int Code, string Stdout, string Stderr, bool TimedOut);

    public static async Task<Result> RunAsync(string file, TimeSpan timeout, CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, string.Empty, string.Empty, TimedOut: true);
        }

        return new Result(process.ExitCode, await stdout, await stderr, TimedOut: false);
    }
}
