using System.Diagnostics.Metrics;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Telemetry;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The instruments of the one <c>TrustedServer</c> meter, created through the app's <see cref="IMeterFactory"/> (one
/// singleton per app, so two apps in one process, as in the tests, count apart). Exported at <c>GET /_ts/metrics</c>
/// (Prometheus adds the <c>_total</c> suffix to counters) and over OTLP when configured.
/// </summary>
public sealed class TrustedServerMetrics
{
    /// <summary>The meter name.</summary>
    public const string Name = "TrustedServer";

    /// <summary>Creates the meter and its instruments.</summary>
    public TrustedServerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        RequestsInFlight = meter.CreateUpDownCounter<long>("ts_requests_in_flight", description: "Requests received whose response has not finished");
        Requests = meter.CreateCounter<long>("ts_requests", description: "Finished responses by delivery mode (stream, passthrough, buffered, local) and status class (2xx...)");
        Responses = meter.CreateCounter<long>("ts_responses", description: "Proxied origin responses by delivery mode");
        OriginBytes = meter.CreateCounter<long>("ts_origin_bytes", description: "Body bytes read from the origin");
        ClientBytes = meter.CreateCounter<long>("ts_client_bytes", description: "Body bytes written to clients");
        UrlsRewritten = meter.CreateCounter<long>("ts_urls_rewritten", description: "URLs mapped to first-party URLs");
        Injections = meter.CreateCounter<long>("ts_injections", description: "Content injected into pages");
        OriginTimeToFirstByte = meter.CreateHistogram<double>("ts_origin_ttfb_seconds", unit: "s", description: "From the request's arrival to the origin's response headers, in seconds", tags: null, advice: DurationBuckets.Advice);
        AbortedStreams = meter.CreateCounter<long>("ts_aborted_streams", description: "Responses aborted, by reason (client_gone, origin_failure, decode_cap, timeout)");
        DecodeCapHits = meter.CreateCounter<long>("ts_decode_cap_hits", description: "Bodies that expanded beyond max_decoded_body_bytes");
        EdgeCookiesMinted = meter.CreateCounter<long>("ts_ec_minted", description: "Edge Cookie IDs issued");
        EdgeCookiesWithdrawn = meter.CreateCounter<long>("ts_ec_withdrawn", description: "Edge Cookie IDs withdrawn");
        RejectedRequests = meter.CreateCounter<long>("ts_rejected_requests", description: "Requests the server refused before routing, by status (414 request line too long, 431 headers too large, 400 malformed...)");
    }

    /// <summary><c>ts_requests_in_flight</c> (a gauge): requests received whose response has not finished.</summary>
    public UpDownCounter<long> RequestsInFlight { get; }

    /// <summary><c>ts_requests_total{mode,status_class}</c>: finished responses by delivery mode and status class.</summary>
    public Counter<long> Requests { get; }

    /// <summary><c>ts_responses_total{mode}</c>: proxied origin responses, counted when their headers arrive.</summary>
    public Counter<long> Responses { get; }

    /// <summary><c>ts_origin_bytes_total</c>: body bytes read from the origin.</summary>
    public Counter<long> OriginBytes { get; }

    /// <summary><c>ts_client_bytes_total</c>: body bytes written to clients.</summary>
    public Counter<long> ClientBytes { get; }

    /// <summary><c>ts_urls_rewritten_total</c>: URLs mapped to first-party URLs.</summary>
    public Counter<long> UrlsRewritten { get; }

    /// <summary><c>ts_injections_total{what}</c>: script tags or other content injected into pages.</summary>
    public Counter<long> Injections { get; }

    /// <summary><c>ts_origin_ttfb_seconds</c>: from the request's arrival to the origin's response headers, in buckets of
    /// <see cref="DurationBuckets.Seconds"/>.</summary>
    public Histogram<double> OriginTimeToFirstByte { get; }

    /// <summary><c>ts_aborted_streams_total{reason}</c>: responses cut off after or before their headers.</summary>
    public Counter<long> AbortedStreams { get; }

    /// <summary><c>ts_decode_cap_hits_total</c>: compressed bodies that expanded beyond <c>max_decoded_body_bytes</c>.</summary>
    public Counter<long> DecodeCapHits { get; }

    /// <summary><c>ts_ec_minted_total</c>: Edge Cookie IDs issued.</summary>
    public Counter<long> EdgeCookiesMinted { get; }

    /// <summary><c>ts_ec_withdrawn_total{reason}</c>: Edge Cookie IDs withdrawn (consent revoked, expired...).</summary>
    public Counter<long> EdgeCookiesWithdrawn { get; }

    /// <summary><c>ts_rejected_requests_total{status}</c>: requests Kestrel refused before any middleware ran.</summary>
    public Counter<long> RejectedRequests { get; }

    /// <summary>Counts one proxied origin response in <paramref name="mode"/>.</summary>
    public void RecordResponse(DeliveryMode mode) =>
        Responses.Add(1, new KeyValuePair<string, object?>("mode", Label(mode)));

    /// <summary>Counts one injection of <paramref name="what"/> (e.g. <c>"script"</c>) and records it for <c>explain</c>.</summary>
    public void RecordInjection(string what)
    {
        Injections.Add(1, new KeyValuePair<string, object?>("what", what));
        RequestDiagnostics.Current?.AddInjection(what);
    }

    /// <summary>Counts <paramref name="count"/> mapped URLs and adds them to the current request's diagnostics.</summary>
    public void RecordUrlsRewritten(int count)
    {
        if (count <= 0)
        {
            return;
        }

        UrlsRewritten.Add(count);
        if (RequestDiagnostics.Current is { } diagnostics)
        {
            diagnostics.UrlsMapped += count;
        }
    }

    // Constant labels: formatting the enum and lower-casing it allocated two strings per response.
    private static string Label(DeliveryMode mode) => mode switch
    {
        DeliveryMode.Stream => "stream",
        DeliveryMode.PassThrough => "passthrough",
        DeliveryMode.Buffered => "buffered",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
