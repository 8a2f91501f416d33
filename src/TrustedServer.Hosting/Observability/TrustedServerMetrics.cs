using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The instruments of the <c>TrustedServer</c> meter and the <c>TrustedServer</c> activity source. Static so that any
/// code (rewriting, identity) can count without a dependency; exported at <c>GET /_ts/metrics</c> (Prometheus adds
/// the <c>_total</c> suffix to counters) and over OTLP when configured.
/// </summary>
public static class TrustedServerMetrics
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "TrustedServer";

    private static readonly Meter Meter = new(Name);

    /// <summary>Spans for the origin call (<c>ts.origin</c>) and the body rewrite (<c>ts.rewrite</c>).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary><c>ts_requests_total{mode,status_class}</c>: finished responses by delivery mode and status class.</summary>
    public static Counter<long> Requests { get; } = Meter.CreateCounter<long>("ts_requests", description: "Finished responses by delivery mode (stream, passthrough, buffered, local) and status class (2xx...)");

    /// <summary><c>ts_origin_bytes_total</c>: body bytes read from the origin.</summary>
    public static Counter<long> OriginBytes { get; } = Meter.CreateCounter<long>("ts_origin_bytes", description: "Body bytes read from the origin");

    /// <summary><c>ts_client_bytes_total</c>: body bytes written to clients.</summary>
    public static Counter<long> ClientBytes { get; } = Meter.CreateCounter<long>("ts_client_bytes", description: "Body bytes written to clients");

    /// <summary><c>ts_urls_rewritten_total</c>: URLs mapped to first-party URLs. Call <c>UrlsRewritten.Add(n)</c>.</summary>
    public static Counter<long> UrlsRewritten { get; } = Meter.CreateCounter<long>("ts_urls_rewritten", description: "URLs mapped to first-party URLs");

    /// <summary><c>ts_injections_total{what}</c>: script tags or other content injected into pages.</summary>
    public static Counter<long> Injections { get; } = Meter.CreateCounter<long>("ts_injections", description: "Content injected into pages");

    /// <summary><c>ts_origin_ttfb_seconds</c>: from the request's arrival to the origin's response headers.</summary>
    public static Histogram<double> OriginTimeToFirstByte { get; } = Meter.CreateHistogram<double>("ts_origin_ttfb_seconds", description: "From the request's arrival to the origin's response headers, in seconds");

    /// <summary><c>ts_aborted_streams_total{reason}</c>: responses cut off after or before their headers.</summary>
    public static Counter<long> AbortedStreams { get; } = Meter.CreateCounter<long>("ts_aborted_streams", description: "Responses aborted, by reason (client_gone, origin_failure, decode_cap, timeout)");

    /// <summary><c>ts_decode_cap_hits_total</c>: compressed bodies that expanded beyond <c>max_decoded_body_bytes</c>.</summary>
    public static Counter<long> DecodeCapHits { get; } = Meter.CreateCounter<long>("ts_decode_cap_hits", description: "Bodies that expanded beyond max_decoded_body_bytes");

    /// <summary><c>ts_ec_minted_total</c>: Edge Cookie IDs issued. Call <c>EdgeCookiesMinted.Add(1)</c>.</summary>
    public static Counter<long> EdgeCookiesMinted { get; } = Meter.CreateCounter<long>("ts_ec_minted", description: "Edge Cookie IDs issued");

    /// <summary><c>ts_ec_withdrawn_total{reason}</c>: Edge Cookie IDs withdrawn (consent revoked, expired...).</summary>
    public static Counter<long> EdgeCookiesWithdrawn { get; } = Meter.CreateCounter<long>("ts_ec_withdrawn", description: "Edge Cookie IDs withdrawn");

    /// <summary>Counts one injection of <paramref name="what"/> (e.g. <c>"script"</c>) and records it for <c>explain</c>.</summary>
    public static void RecordInjection(string what)
    {
        Injections.Add(1, new KeyValuePair<string, object?>("what", what));
        RequestDiagnostics.Current?.AddInjection(what);
    }

    /// <summary>Counts <paramref name="count"/> mapped URLs and adds them to the current request's diagnostics.</summary>
    public static void RecordUrlsRewritten(int count)
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

    /// <summary>
    /// Counts one mapped URL; the pair is kept (the first few) only while <c>explain</c> runs, so check
    /// <see cref="RequestDiagnostics.WantsDetails"/> before building strings on a hot path.
    /// </summary>
    public static void RecordUrlRewritten(string original, string mapped)
    {
        UrlsRewritten.Add(1);
        RequestDiagnostics.Current?.AddMappedUrl(original, mapped);
    }
}
