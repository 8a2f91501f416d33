using TrustedServer.Hosting.Finalization;

namespace TrustedServer.Hosting.Observability;

/// <summary>Returns the request id to the client in <c>X-Request-ID</c> on every response (an origin's own is replaced).</summary>
internal sealed class RequestIdFinalizer : IResponseFinalizer
{
    public ValueTask ApplyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[RequestId.HeaderName] = context.TraceIdentifier;
        return ValueTask.CompletedTask;
    }
}
