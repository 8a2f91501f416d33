using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Reload;

/// <summary>Adapts the host's <see cref="IHttpApplication{TContext}"/> (ASP.NET Core's own request handling) to <see cref="IGenerationApplication"/>.</summary>
internal sealed class GenerationApplication<TContext>(IHttpApplication<TContext> application) : IGenerationApplication
    where TContext : notnull
{
    public object CreateContext(IFeatureCollection features) => application.CreateContext(features);

    public Task ProcessRequestAsync(object context) => application.ProcessRequestAsync((TContext)context);

    public void DisposeContext(object context, Exception? exception) => application.DisposeContext((TContext)context, exception);
}
