using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Finalization;

namespace TrustedServer.Hosting.Observability;

/// <summary>Logging format, the Prometheus scrape endpoint, and OTLP export when an endpoint is configured.</summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/_ts/metrics";
    public const string OtlpEnvironmentVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every log timestamp: the date, the time to the millisecond, and the zone (always UTC).</summary>
    public const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public static void ConfigureLogging(ILoggingBuilder logging, LoggingOptions options)
    {
        logging.ClearProviders();
        if (options.Format == "json")
        {
            logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = TimestampFormat;
                json.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddConsole(console => console.FormatterName = PlainLogFormatter.FormatterName);
            logging.AddConsoleFormatter<PlainLogFormatter, ConsoleFormatterOptions>(console =>
            {
                console.TimestampFormat = TimestampFormat;
                console.UseUtcTimestamp = true;
            });
        }
    }

    public static void AddTelemetry(IServiceCollection services, TrustedServerOptions options)
    {
        var otlp = OtlpEndpoint(options);

        // Only the meter this app's IMeterFactory created: a second app in the process (tests) counts apart.
        services.AddMetrics(builder => builder.EnableMetrics(TrustedServerMetrics.Name, scopes: MeterScope.Local));
        services.AddSingleton<IResponseFinalizer, RequestIdFinalizer>();
        services.AddHostedService<ServerRejections>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("trusted-server"))
            .WithMetrics(metrics =>
            {
                // GC, thread pool, JIT and heap (.NET's own System.Runtime meter) and CPU, memory and threads of the
                // process: process-wide, so two apps in one process (the tests) report the same figures.
                metrics.AddRuntimeInstrumentation().AddProcessInstrumentation();
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp, "v1/metrics"));
                }
            });

        // Without a collector no listener exists, so StartActivity returns null and spans cost nothing.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TrustedServerTracing.Name)
                .AddOtlpExporter(o => Point(o, otlp, "v1/traces")));
        }
    }

    /// <summary>The configured collector, from <c>[telemetry] otlp_endpoint</c> or the OTel environment variable.</summary>
    public static Uri? OtlpEndpoint(TrustedServerOptions options) =>
        options.Telemetry.OtlpEndpoint
        ?? (Uri.TryCreate(Environment.GetEnvironmentVariable(OtlpEnvironmentVariable), UriKind.Absolute, out var fromEnvironment) ? fromEnvironment : null);

    public static void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPrometheusScrapingEndpoint(MetricsPath);

    /// <summary>gRPC takes the endpoint as is; HTTP/protobuf needs the signal's path appended, as the OTel variables do.</summary>
    private static void Point(OtlpExporterOptions exporter, Uri endpoint, string signalPath)
    {
        exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
