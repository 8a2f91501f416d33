using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// SIGTERM (or Ctrl+C) stops accepting connections and gives responses in flight <c>[server] shutdown_timeout_ms</c> to
/// finish; Kestrel then aborts the rest, so a cut response never ends like a complete one (no terminating chunk, or
/// fewer bytes than its <c>Content-Length</c>).
/// </summary>
internal static class GracefulShutdown
{
    public static void Configure(WebApplicationBuilder builder, ServerOptions server) =>
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = server.ShutdownTimeout);

    public static void Announce(WebApplication app, ServerOptions server)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ListenerLog.Category);
        app.Lifetime.ApplicationStopping.Register(() => ListenerLog.ShuttingDown(logger, (long)server.ShutdownTimeout.TotalMilliseconds));
    }
}
