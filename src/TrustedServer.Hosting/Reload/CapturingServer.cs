using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// The <see cref="IServer"/> of a generation's host: it listens on nothing and keeps the request pipeline the host
/// hands it, which the listener's <see cref="GenerationDispatcher"/> then calls.
/// </summary>
internal sealed class CapturingServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public IGenerationApplication? Application { get; private set; }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        Application = new GenerationApplication<TContext>(application);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
