using System.Diagnostics.Metrics;
using TrustedServer.Core.Telemetry;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Integrations.DataDome;

/// <summary>The Protection API's instruments on the <c>TrustedServer</c> meter (from the app's <see cref="IMeterFactory"/>).</summary>
internal sealed class DataDomeMetrics
{
    public DataDomeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TrustedServerMetrics.Name);
        Decisions = meter.CreateCounter<long>(
            "ts_datadome_protection",
            description: "DataDome Protection API decisions by outcome (allowed, challenged, failed_open, skipped) and reason (timeout, unavailable, bad_answer for failed_open; the exclusion for skipped)");
        CallSeconds = meter.CreateHistogram<double>(
            "ts_datadome_protection_seconds", unit: "s", description: "Protection API call duration by outcome", tags: null, advice: DurationBuckets.Advice);
    }

    /// <summary><c>ts_datadome_protection_total{outcome,reason}</c>.</summary>
    public Counter<long> Decisions { get; }

    /// <summary><c>ts_datadome_protection_seconds{outcome}</c>.</summary>
    public Histogram<double> CallSeconds { get; }

    public void Record(string outcome, string reason)
    {
        if (reason.Length == 0)
        {
            Decisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
        else
        {
            Decisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void RecordCall(string outcome, TimeSpan elapsed) =>
        CallSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
}
