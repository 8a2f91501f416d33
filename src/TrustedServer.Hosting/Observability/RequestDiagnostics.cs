using System.Diagnostics;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// What happened to one request: filled by the delivery code through the static hooks, read by the request log line,
/// the metrics and <c>trusted-server explain</c>. Details (headers, injections) are kept only when
/// <see cref="WantsDetails"/> is set, so the normal path allocates nothing per URL.
/// </summary>
public sealed class RequestDiagnostics
{
    private static readonly AsyncLocal<RequestDiagnostics?> CurrentSlot = new();
    private readonly List<string> _injections = [];
    private readonly List<MappedUrl> _mappedUrls = [];
    private Activity? _rewrite;

    internal RequestDiagnostics(long startTimestamp, bool wantsDetails, TrustedServerMetrics metrics)
    {
        StartTimestamp = startTimestamp;
        WantsDetails = wantsDetails;
        Metrics = metrics;
    }

    /// <summary>The diagnostics of the request running on this async flow while <c>explain</c> captures it
    /// (<see cref="WantsDetails"/>), otherwise null.</summary>
    public static RequestDiagnostics? Current
    {
        get => CurrentSlot.Value;
        internal set => CurrentSlot.Value = value;
    }

    /// <summary>True while <c>explain</c> captures this request: the hooks keep URLs, injections and headers.</summary>
    public bool WantsDetails { get; }

    /// <summary>The delivery decision, once the origin's headers arrived.</summary>
    public DeliveryDecision? Decision { get; private set; }

    /// <summary>From the request's arrival to the origin's response headers.</summary>
    public TimeSpan? OriginTimeToFirstByte { get; private set; }

    /// <summary>The origin's status and headers (only when <see cref="WantsDetails"/>).</summary>
    public int? OriginStatus { get; private set; }

    /// <summary>The origin's response and content headers (only when <see cref="WantsDetails"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OriginHeaders { get; private set; } = [];

    /// <summary>Body bytes read from the origin.</summary>
    public long OriginBytes => OriginCounter.Count;

    /// <summary>URLs mapped in this response (counted only when <see cref="WantsDetails"/>; the metric counts them always).</summary>
    public int UrlsMapped { get; internal set; }

    /// <summary>What was injected (only when <see cref="WantsDetails"/>).</summary>
    public IReadOnlyList<string> Injections => _injections;

    /// <summary>Why the response was aborted, if it was.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>The outcome of a request that ended normally.</summary>
    public const string OkOutcome = "ok";

    /// <summary>The outcome of a request whose client went away.</summary>
    public const string ClientGoneOutcome = "aborted: client_gone";

    /// <summary>How many mapped URL pairs <c>explain</c> shows.</summary>
    public const int MappedUrlSamples = 5;

    /// <summary>
    /// How the request ended when it did not end normally: <c>aborted: REASON</c> when the response was cut off after
    /// its headers (or the client left), <c>error: REASON</c> when an error page replaced the origin's answer. Null when
    /// it ended normally.
    /// </summary>
    public string? Outcome { get; private set; }

    /// <summary>The failure's cause in one line (an exception's message), when <see cref="Outcome"/> records a failure.</summary>
    public string? FailureCause { get; private set; }

    /// <summary>The first distinct origin URLs mapped, with their first-party forms (only when <see cref="WantsDetails"/>).</summary>
    public IReadOnlyList<MappedUrl> MappedUrls => _mappedUrls;

    internal long StartTimestamp { get; }

    /// <summary>The app's meter, which the static hooks count on.</summary>
    internal TrustedServerMetrics Metrics { get; }

    internal ByteCounter OriginCounter { get; } = new();

    /// <summary>Hook: the origin's response headers arrived (call before reading its content).</summary>
    public static void OnOriginResponse(HttpContext context, HttpResponseMessage proxyResponse)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proxyResponse);
        if (context.Features.Get<RequestDiagnostics>() is not { } diagnostics)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var ttfb = Stopwatch.GetElapsedTime(diagnostics.StartTimestamp, now);
        diagnostics.OriginTimeToFirstByte = ttfb;
        diagnostics.Metrics.OriginTimeToFirstByte.Record(ttfb.TotalSeconds);
        using (var origin = TrustedServerTracing.Source.StartActivity("ts.origin", ActivityKind.Client, default(ActivityContext), startTime: DateTimeOffset.UtcNow - ttfb))
        {
            origin?.SetTag("http.response.status_code", (int)proxyResponse.StatusCode);
        }

        if (diagnostics.WantsDetails)
        {
            diagnostics.OriginStatus = (int)proxyResponse.StatusCode;
            diagnostics.OriginHeaders =
            [
                .. proxyResponse.Headers.Concat(proxyResponse.Content.Headers)
                    .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))),
            ];
        }
    }

    /// <summary>Hook: YARP copies the origin body itself (PassThrough), so its reads are counted through the content.</summary>
    public static void CountPassThroughBody(HttpContext context, HttpResponseMessage proxyResponse)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proxyResponse);
        if (context.Features.Get<RequestDiagnostics>() is { } diagnostics)
        {
            proxyResponse.Content = new CountingContent(proxyResponse.Content, diagnostics.OriginCounter);
        }
    }

    /// <summary>Hook: the origin body we read ourselves (Stream, Buffered), counted as it is read.</summary>
    public static Stream CountOriginBody(HttpContext context, Stream body)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<RequestDiagnostics>() is { } diagnostics ? new CountingStream(body, diagnostics.OriginCounter, leaveOpen: false) : body;
    }

    /// <summary>Hook: the delivery mode was chosen.</summary>
    public static void OnDecision(HttpContext context, DeliveryDecision decision)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<RequestDiagnostics>() is not { } diagnostics)
        {
            return;
        }

        diagnostics.Decision = decision;
        if (decision.Mode != DeliveryMode.PassThrough && !decision.Bodiless)
        {
            diagnostics._rewrite = TrustedServerTracing.Source.StartActivity("ts.rewrite");
            diagnostics._rewrite?.SetTag("ts.mode", ModeName(decision));
        }
    }

    /// <summary>Hook: the body failed; classifies the abort for <c>ts_aborted_streams_total{reason}</c>.</summary>
    public static void OnFailure(HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = context.RequestAborted.IsCancellationRequested ? "client_gone"
            : exception is DecodeLimitExceededException ? "decode_cap"
            : exception is TimeoutException ? "timeout"
            : "origin_failure";
        if (context.Features.Get<RequestDiagnostics>() is not { } diagnostics)
        {
            return;
        }

        if (exception is DecodeLimitExceededException)
        {
            diagnostics.Metrics.DecodeCapHits.Add(1);
        }

        diagnostics.Metrics.AbortedStreams.Add(1, new KeyValuePair<string, object?>("reason", reason));
        diagnostics.AbortReason = reason;
        diagnostics.Outcome ??= Describe(reason, committed: context.Response.HasStarted || reason == "client_gone");
        diagnostics.FailureCause ??= ProxyLog.Cause(exception);
    }

    /// <summary>
    /// Hook: forwarding to the origin failed outside our own body handling (before its headers, or in YARP's
    /// PassThrough copy). <paramref name="committed"/>: the response had started, so it was cut off and counts as an
    /// aborted stream; otherwise an error page answered.
    /// </summary>
    public static void OnForwardFailure(HttpContext context, string reason, bool committed, string? cause)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<RequestDiagnostics>() is not { } diagnostics || diagnostics.Outcome is not null)
        {
            return;
        }

        if (committed && diagnostics.AbortReason is null)
        {
            diagnostics.Metrics.AbortedStreams.Add(1, new KeyValuePair<string, object?>("reason", reason));
            diagnostics.AbortReason = reason;
        }

        diagnostics.Outcome = Describe(reason, committed);
        diagnostics.FailureCause = cause;
    }

    /// <summary>The outcome text of a failure: <c>aborted: REASON</c> once committed, <c>error: REASON</c> before.</summary>
    public static string Describe(string reason, bool committed) => (committed ? "aborted: " : "error: ") + reason;

    /// <summary>Hook: a Buffered body could not be rewritten and goes out as the origin sent it.</summary>
    public static void OnRewriteFailed(HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (exception is DecodeLimitExceededException && context.Features.Get<RequestDiagnostics>() is { } diagnostics)
        {
            diagnostics.Metrics.DecodeCapHits.Add(1);
        }
    }

    internal static string ModeName(DeliveryDecision? decision) => decision?.Mode switch
    {
        DeliveryMode.Stream => "stream",
        DeliveryMode.PassThrough => "passthrough",
        DeliveryMode.Buffered => "buffered",
        _ => "none",
    };

    internal void AddMappedUrls(IReadOnlyList<MappedUrl> urls)
    {
        foreach (var url in urls)
        {
            if (!WantsDetails || _mappedUrls.Count >= MappedUrlSamples)
            {
                return;
            }

            if (!_mappedUrls.Contains(url))
            {
                _mappedUrls.Add(url);
            }
        }
    }

    /// <summary>What the page auction did (for <c>explain</c>), or null when none was considered.</summary>
    public string? PageAuction { get; private set; }

    internal void SetPageAuction(string summary)
    {
        if (WantsDetails)
        {
            PageAuction = summary;
        }
    }

    internal void AddInjection(string what)
    {
        if (WantsDetails)
        {
            _injections.Add(what);
        }
    }

    internal void Finish()
    {
        _rewrite?.Dispose();
        _rewrite = null;
    }
}
