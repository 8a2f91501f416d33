using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http.Features;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// The listener's request handler: each request goes to the generation that is current when it arrives and stays on
/// it until its response is done, even when a reload makes another generation current meanwhile.
/// </summary>
internal sealed class GenerationDispatcher : IHttpApplication<DispatchContext>
{
    private Generation? _current;

    public Generation? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="next"/> current and returns the previous generation, whose current reference the caller releases.</summary>
    public Generation? Swap(Generation next) => Interlocked.Exchange(ref _current, next);

    public DispatchContext CreateContext(IFeatureCollection contextFeatures)
    {
        var generation = Acquire();
        DispatchContext context;
        if (contextFeatures is IHostContextContainer<DispatchContext> container)
        {
            // Kestrel keeps one per connection (per stream for HTTP/2), as it does for ASP.NET Core's own context.
            context = container.HostContext ??= new DispatchContext();
        }
        else
        {
            context = new DispatchContext();
        }

        try
        {
            context.Inner = generation.Application.CreateContext(contextFeatures);
        }
        catch
        {
            generation.Release();
            throw;
        }

        context.Generation = generation;
        return context;
    }

    public Task ProcessRequestAsync(DispatchContext context) =>
        context.Generation!.Application.ProcessRequestAsync(context.Inner!);

    public void DisposeContext(DispatchContext context, Exception? exception)
    {
        var generation = context.Generation!;
        var inner = context.Inner!;
        context.Generation = null;
        context.Inner = null;
        try
        {
            generation.Application.DisposeContext(inner, exception);
        }
        finally
        {
            generation.Release();
        }
    }

    private Generation Acquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _current) ?? throw new InvalidOperationException("no configuration is loaded");
            if (current.TryAcquire())
            {
                return current;
            }

            // It drained between the read and the increment: a reload made another current, unless the server is done.
            if (ReferenceEquals(current, Volatile.Read(ref _current)))
            {
                throw new InvalidOperationException("the server has stopped");
            }
        }
    }
}
