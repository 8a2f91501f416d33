namespace TrustedServer.Hosting.Finalization;

/// <summary>
/// Adds headers to every response, whatever its route or delivery mode, just before its first byte is sent
/// (the Edge Cookie's <c>Set-Cookie</c> plugs in here). Finalizers run in registration order; headers can still change.
/// </summary>
public interface IResponseFinalizer
{
    /// <summary>Adjusts <paramref name="context"/>'s response headers.</summary>
    ValueTask ApplyAsync(HttpContext context);
}
