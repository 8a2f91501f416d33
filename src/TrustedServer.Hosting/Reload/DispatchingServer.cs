using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Reload;

/// <summary>Kestrel, started with the <see cref="GenerationDispatcher"/> instead of the listener host's own (empty) pipeline.</summary>
internal sealed class DispatchingServer(IServer kestrel, GenerationDispatcher dispatcher) : IServer
{
    public IFeatureCollection Features => kestrel.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => kestrel.StartAsync(dispatcher, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => kestrel.StopAsync(cancellationToken);

    public void Dispose() => kestrel.Dispose();
}
