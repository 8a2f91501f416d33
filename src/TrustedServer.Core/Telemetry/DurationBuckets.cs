using System.Diagnostics.Metrics;

namespace TrustedServer.Core.Telemetry;

/// <summary>
/// The bucket boundaries of every duration histogram we export, in seconds: 5 ms to 30 s. OpenTelemetry's default
/// boundaries (0, 5, 10, 25 ... 10000) are meant for milliseconds; with values in seconds nearly every observation would
/// land in the first bucket. Given as instrument advice, so any exporter (Prometheus, OTLP) uses them without a view.
/// </summary>
public static class DurationBuckets
{
    /// <summary>The upper bounds, in seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30];

    /// <summary>The advice to create a seconds histogram with.</summary>
    public static InstrumentAdvice<double> Advice { get; } = new() { HistogramBucketBoundaries = Seconds };
}
