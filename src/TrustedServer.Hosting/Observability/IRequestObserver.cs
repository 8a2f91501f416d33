namespace TrustedServer.Hosting.Observability;

/// <summary>Receives every finished request's diagnostics in full detail (used by <c>trusted-server explain</c>).</summary>
internal interface IRequestObserver
{
    void Completed(HttpContext context, RequestDiagnostics diagnostics, long bytesOut, TimeSpan duration);
}
