using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Cli;

/// <summary>Catches the diagnostics of the one request <c>explain</c> sends.</summary>
internal sealed class ExplainCapture : IRequestObserver
{
    private readonly TaskCompletionSource<(RequestDiagnostics Diagnostics, long BytesOut, TimeSpan Duration)> _completed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(RequestDiagnostics Diagnostics, long BytesOut, TimeSpan Duration)> Completed => _completed.Task;

    void IRequestObserver.Completed(HttpContext context, RequestDiagnostics diagnostics, long bytesOut, TimeSpan duration) =>
        _completed.TrySetResult((diagnostics, bytesOut, duration));
}
