using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Composition;
using TrustedServer.Hosting.Listener;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// Builds and starts one generation: a host with every service and the whole pipeline of one configuration, on a
/// <see cref="CapturingServer"/> instead of Kestrel. Per generation, rebuilt at each reload: logging, metrics (the
/// counters start again at zero, which Prometheus reads as a counter reset), the origin's connection pool, the
/// auction providers' clients, the geo database, the key ring and its refresher. Shared with the listener: its
/// diagnostic listener (Kestrel's rejections reach the current generation's log) and its admin listeners. Shared
/// across generations while unchanged: the stores (<see cref="SharedStores"/>).
/// </summary>
internal static class GenerationBuilder
{
    public static async Task<Generation> StartAsync(
        int number,
        TrustedServerOptions options,
        IServiceProvider listener,
        SharedStores stores,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        var builder = TrustedServerApp.CreateBuilder();
        TrustedServerApp.ConfigureLogging(builder, options);
        var server = new CapturingServer();
        builder.Services.AddSingleton<IServer>(server);
        builder.Services.AddSingleton<IHostLifetime, GenerationLifetime>();
        builder.Services.AddSingleton(listener.GetRequiredService<DiagnosticListener>());
        builder.Services.AddSingleton(listener.GetRequiredService<AdminListeners>());
        var leases = await stores.LeaseAsync(options, builder.Services);
        WebApplication? app = null;
        try
        {
            builder.Services.AddTrustedServer(options);
            configureServices?.Invoke(builder.Services);
            app = builder.Build();
            AssemblyPreload.LoadReferences();
            app.UseTrustedServer();
            await app.StartAsync(cancellationToken);
            var application = server.Application ?? throw new InvalidOperationException("the generation's host did not start its server");
            return new Generation(number, options, app, application, leases);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            foreach (var lease in leases)
            {
                await lease.DisposeAsync();
            }

            throw;
        }
    }
}
