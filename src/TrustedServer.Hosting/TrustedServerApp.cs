using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Composition;
using TrustedServer.Hosting.Listener;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting;

/// <summary>Builds the server from an explicit configuration, so the CLI, the demo and tests start it the same way.</summary>
public static class TrustedServerApp
{
    /// <summary>Builds (does not start) the app listening on <paramref name="urls"/> (e.g. <c>http://127.0.0.1:0</c>).</summary>
    public static WebApplication Build(TrustedServerOptions options, string[] urls, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = CreateBuilder();
        ConfigureListener(builder, options, urls);
        ConfigureLogging(builder, options);
        builder.Services.AddTrustedServer(options);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        AnnounceListener(app, options, urls);
        AssemblyPreload.LoadReferences();
        app.UseTrustedServer();
        return app;
    }

    internal static WebApplicationBuilder CreateBuilder() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(TrustedServerApp).Assembly.GetName().Name });

    /// <summary>What belongs to the process rather than to one configuration: Kestrel, its listeners, TLS, limits and shutdown.</summary>
    internal static void ConfigureListener(WebApplicationBuilder builder, TrustedServerOptions options, string[] urls)
    {
        NativeHeapTuning.Apply();
        var descriptors = DescriptorBudget.Measure();
        if (descriptors is not null)
        {
            builder.Services.AddSingleton(descriptors);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.RequestHeaderEncodingSelector = Proxy.ConnectionFieldCapture.Select;
            KestrelLimits.Apply(kestrel, options.Server, descriptors);
        });
        ListenerTls.Configure(builder, options.Server, urls);
        ListenerBinding.Configure(builder.WebHost, urls, options.Server);
        GracefulShutdown.Configure(builder, options.Server);
    }

    internal static void AnnounceListener(WebApplication app, TrustedServerOptions options, string[] urls)
    {
        ListenerTls.LogProtocols(app, options.Server, urls);
        DescriptorBudgetLog.Announce(app, options.Server);
        GracefulShutdown.Announce(app, options.Server);
    }

    internal static void ConfigureLogging(WebApplicationBuilder builder, TrustedServerOptions options)
    {
        TelemetrySetup.ConfigureLogging(builder.Logging, options.Logging);
        var level = ParseLevel(options.Logging.Level);
        builder.Logging.SetMinimumLevel(level);
        builder.Logging.AddFilter("Yarp", (LogLevel)Math.Max((int)level, (int)LogLevel.Warning));
        // YARP's forwarder logs every failed request as a warning with its stack trace; ours says it in one line.
        builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", (LogLevel)Math.Max((int)level, (int)LogLevel.Error));
        builder.Logging.AddFilter("Microsoft.AspNetCore", (LogLevel)Math.Max((int)level, (int)LogLevel.Warning));
        if (TelemetrySetup.OtlpEndpoint(options) is null)
        {
            // This category only logs request start and finish (our request line covers both), yet while it is enabled
            // at any level ASP.NET Core starts an Activity per request and HttpClient injects it into the origin call:
            // work nobody reads without a trace collector. A client's own traceparent still reaches the origin as is.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }
    }

    private static LogLevel ParseLevel(string level) => level switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => LogLevel.Information,
    };
}
