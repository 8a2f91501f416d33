using System.Buffers;
using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Delivery;

/// <summary>Writes an origin body to the client in the chosen mode, and turns failures into aborts or clean 502s.</summary>
internal sealed class ResponseDelivery(
    TrustedServerOptions options,
    IBodyTransformFactory transforms,
    IEnumerable<IHtmlPostProcessor> postProcessors,
    Integrations.IntegrationRegistry integrations,
    ILogger<ResponseDelivery> logger)
{
    private const int ChunkSize = 16 * 1024;
    private const int MaxPassThroughChunkSize = 256 * 1024;
    private readonly IHtmlPostProcessor[] _postProcessors = [.. postProcessors, .. integrations.PostProcessors];

    public bool HasHtmlPostProcessors => _postProcessors.Length > 0;

    /// <summary>Does an integration rewrite Flight (<c>text/x-component</c>) bodies?</summary>
    public bool RewritesFlight => integrations.Hooks.ComponentStreamRewriter is not null;

    private DecodeLimits Limits { get; } = new(options.Publisher.MaxDecodedBodyBytes);

    /// <summary>Bodiless framing: 204/1xx no length and no body; 205 <c>Content-Length: 0</c>; HEAD/304 keep the origin's length.</summary>
    public static void FrameBodiless(HttpResponse response)
    {
        response.Headers.Remove(HeaderNames.TransferEncoding);
        response.Headers.Remove(HeaderNames.Trailer);
        if (response.StatusCode is 204 or < 200)
        {
            response.Headers.ContentLength = null;
        }
        else if (response.StatusCode == 205)
        {
            response.Headers.ContentLength = 0;
        }
    }

    /// <summary>Streams <paramref name="source"/>; <paramref name="factory"/> replaces the registered transforms (the first-party proxy's creative rules).</summary>
    public async Task StreamAsync(HttpContext context, Stream source, DeliveryDecision decision, VisitorRequest request, IBodyTransformFactory? factory = null)
    {
        var response = context.Response;
        MarkRewritten(response);
        // No gate of our own here: the core pipeline already stops codec trailers reaching the client on failure.
        var client = response.Body;
        try
        {
            var transform = (factory ?? transforms).Create(decision.Kind, request);
            if (transform is null || decision.Coding is not { } coding)
            {
                await CopyAsync(source, client, ChunkSize, flushEachChunk: true, context.RequestAborted);
            }
            else
            {
                await StreamingBodyPipeline.RunAsync(source, coding, coding, transform, client, Limits, context.RequestAborted);
            }
        }
        catch (Exception ex)
        {
            await FailAsync(context, ex);
        }
    }

    public async Task PassThroughAsync(HttpContext context, Stream source)
    {
        try
        {
            var chunkSize = PassThroughChunkSize(context.Response.Headers.ContentLength);
            await CopyAsync(source, context.Response.Body, chunkSize, flushEachChunk: false, context.RequestAborted);
        }
        catch (Exception ex)
        {
            await FailAsync(context, ex);
        }
    }

    public async Task BufferedAsync(HttpContext context, Stream source, DeliveryDecision decision, VisitorRequest request, IBodyTransformFactory? factory = null)
    {
        var cap = options.Publisher.MaxBufferedBodyBytes;
        using var raw = new SegmentedBuffer();
        var overCap = false;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                raw.Write(buffer.AsSpan(0, read));
                if (raw.Length > cap)
                {
                    overCap = true;
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                ProxyLog.ClientGone(logger, context.TraceIdentifier);
                context.Abort();
                return;
            }

            var cause = ProxyLog.Cause(ex);
            RequestDiagnostics.OnForwardFailure(context, "origin_failure", committed: false, cause);
            ProxyLog.BufferedOriginFailure(logger, context.TraceIdentifier, cause);
            ProxyLog.FailureDetail(logger, context.TraceIdentifier, ex);
            await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway);
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (overCap)
        {
            var fallback = decision.OverCapFallback;
            ProxyLog.BufferedOverCap(logger, cap, fallback);
            var rest = new ConcatReadStream(raw.OpenRead(), source);
            if (fallback == DeliveryMode.Stream)
            {
                context.Response.Headers.ContentLength = null;
                await StreamAsync(context, rest, decision, request, factory);
            }
            else
            {
                await PassThroughAsync(context, rest);
            }

            return;
        }

        await SendBufferedAsync(context, raw, decision, request, factory);
    }

    private async Task SendBufferedAsync(HttpContext context, SegmentedBuffer raw, DeliveryDecision decision, VisitorRequest request, IBodyTransformFactory? factory)
    {
        SegmentedBuffer? rewritten = null;
        try
        {
            if (decision.Rewritable && decision.Coding is { } coding)
            {
                var transform = (factory ?? transforms).Create(decision.Kind, request);
                if (decision.PostProcess && _postProcessors.Length > 0)
                {
                    rewritten = await PostProcessAsync(raw, coding, transform ?? PassThroughTransform.Instance, request, context.RequestAborted);
                    if (rewritten is null)
                    {
                        context.Response.Headers.ContentLength = null;
                        await StreamAsync(context, raw.OpenRead(), decision, request, factory);
                        return;
                    }
                }
                else if (transform is not null)
                {
                    rewritten = new SegmentedBuffer();
                    await StreamingBodyPipeline.RunAsync(raw.OpenRead(), coding, coding, transform, rewritten, Limits, context.RequestAborted);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or DecodeLimitExceededException)
        {
            // A corrupt or oversized error page still reaches the client, as the origin sent it.
            ProxyLog.BufferedRewriteFailed(logger, ex.GetType().Name);
            RequestDiagnostics.OnRewriteFailed(context, ex);
            rewritten?.Dispose();
            rewritten = null;
        }

        using var owned = rewritten;
        var body = rewritten ?? raw;
        var response = context.Response;
        if (rewritten is not null)
        {
            MarkRewritten(response);
        }

        response.Headers.ContentLength = body.Length;
        try
        {
            await body.WriteToAsync(response.Body, context.RequestAborted);
        }
        catch (Exception ex)
        {
            await FailAsync(context, ex);
        }
    }

    /// <summary>Decodes and rewrites the whole document, post-processes it, re-encodes it; null when it exceeds the cap.</summary>
    private async Task<SegmentedBuffer?> PostProcessAsync(SegmentedBuffer raw, ContentCoding coding, IBodyTransform transform, VisitorRequest request, CancellationToken cancellationToken)
    {
        using var decoded = new SegmentedBuffer();
        await StreamingBodyPipeline.RunAsync(raw.OpenRead(), coding, ContentCoding.Identity, transform, decoded, Limits, cancellationToken);
        if (decoded.Length > options.Publisher.MaxBufferedBodyBytes)
        {
            ProxyLog.BufferedOverCap(logger, options.Publisher.MaxBufferedBodyBytes, DeliveryMode.Stream);
            return null;
        }

        var length = (int)decoded.Length;
        var array = decoded.RentContiguous();
        try
        {
            ReadOnlyMemory<byte> document = array.AsMemory(0, length);
            foreach (var processor in _postProcessors)
            {
                document = processor.Process(document, request);
            }

            var result = new SegmentedBuffer();
            var encoder = BodyCodecs.CreateEncoder(result, coding);
            await encoder.WriteAsync(document, cancellationToken);
            if (!ReferenceEquals(encoder, result))
            {
                await encoder.DisposeAsync();
            }

            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private async Task FailAsync(HttpContext context, Exception exception)
    {
        RequestDiagnostics.OnFailure(context, exception);
        if (context.RequestAborted.IsCancellationRequested)
        {
            ProxyLog.ClientGone(logger, context.TraceIdentifier);
            context.Abort();
            return;
        }

        if (!context.Response.HasStarted)
        {
            ProxyLog.FailedBeforeCommit(logger, context.TraceIdentifier, ProxyLog.Cause(exception));
            ProxyLog.FailureDetail(logger, context.TraceIdentifier, exception);
            await ErrorPages.WriteAsync(context, exception is TimeoutException ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway);
            return;
        }

        // Committed: only an abort (no terminating chunk, RST_STREAM on HTTP/2) tells the client the body is incomplete.
        ProxyLog.MidStreamFailure(logger, context.TraceIdentifier, ProxyLog.Cause(exception));
        ProxyLog.FailureDetail(logger, context.TraceIdentifier, exception);
        context.Abort();
    }

    private static async Task CopyAsync(Stream source, Stream destination, int chunkSize, bool flushEachChunk, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, chunkSize), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (flushEachChunk)
                {
                    await destination.FlushAsync(cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads as large as the body, up to 256 KiB: under load a socket holds more than one small read, and every read is
    /// a system call and a trip through the thread pool. A body of unknown length keeps the small reads.
    /// </summary>
    internal static int PassThroughChunkSize(long? contentLength) =>
        contentLength is { } length ? (int)Math.Clamp(length, ChunkSize, MaxPassThroughChunkSize) : ChunkSize;

    /// <summary>A rewritten body depends on the request host: its validator becomes weak and ranges no longer apply.</summary>
    internal static void MarkRewritten(HttpResponse response)
    {
        response.Headers.ContentLength = null;
        response.Headers.Remove(HeaderNames.AcceptRanges);
        var etag = response.Headers.ETag.ToString();
        if (etag.Length > 0)
        {
            response.Headers.ETag = ResponseHeaderRules.WeakenETag(etag);
        }
    }
}
