using System.Diagnostics.Metrics;
using TrustedServer.Core.Delivery;

namespace TrustedServer.Hosting.Observability;

/// <summary>The proxy's counters on the <c>TrustedServer</c> meter (exported as <c>ts_responses_total{mode}</c>).</summary>
internal sealed class ProxyMetrics : IDisposable
{
    public const string MeterName = "TrustedServer";
    private readonly Meter _meter;
    private readonly Counter<long> _responses;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _responses = _meter.CreateCounter<long>("ts_responses", description: "Proxied origin responses by delivery mode");
    }

    public void Response(DeliveryMode mode) =>
        _responses.Add(1, new KeyValuePair<string, object?>("mode", Label(mode)));

    // Constant labels: formatting the enum and lower-casing it allocated two strings per response.
    private static string Label(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Stream => "stream",
        DeliveryMode.PassThrough => "passthrough",
        DeliveryMode.Buffered => "buffered",
        _ => mode.ToString().ToLowerInvariant(),
    };

    public void Dispose() => _meter.Dispose();
}
