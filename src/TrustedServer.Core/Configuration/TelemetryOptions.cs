namespace TrustedServer.Core.Configuration;

/// <summary><c>[telemetry]</c>: where traces and metrics are pushed, besides the <c>/_ts/metrics</c> scrape endpoint.</summary>
public sealed record TelemetryOptions
{
    /// <summary>
    /// <c>otlp_endpoint</c>: an OTLP collector (e.g. <c>http://otel-collector:4317</c>); null exports nothing unless
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }
}
