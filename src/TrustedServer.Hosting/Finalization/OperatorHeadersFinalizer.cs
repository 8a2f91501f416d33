using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Finalization;

/// <summary>Sets the operator's <c>[response_headers]</c>, overwriting the origin's values.</summary>
internal sealed class OperatorHeadersFinalizer(TrustedServerOptions options) : IResponseFinalizer
{
    public ValueTask ApplyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in options.ResponseHeaders)
        {
            context.Response.Headers[name] = value;
        }

        return ValueTask.CompletedTask;
    }
}
