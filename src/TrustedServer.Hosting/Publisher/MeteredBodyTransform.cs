using System.Buffers;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Hosting.Observability;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Reports what a publisher transform did once its body is complete: the URLs its mapper mapped and whether the
/// script tag went in (and, for <c>explain</c>, the first URLs it mapped). Counting at the end keeps the per-chunk
/// path free of metric calls.
/// </summary>
internal sealed class MeteredBodyTransform(IBodyTransform inner, UrlMapper mapper, TrustedServerMetrics metrics) : IHoldingBodyTransform
{
    public bool IsHolding => inner is IHoldingBodyTransform { IsHolding: true };

    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output) => inner.Process(chunk, output);

    public ValueTask ReleaseAsync(IBufferWriter<byte> output, CancellationToken cancellationToken) =>
        inner is IHoldingBodyTransform holding ? holding.ReleaseAsync(output, cancellationToken) : ValueTask.CompletedTask;

    public void Finish(IBufferWriter<byte> output)
    {
        inner.Finish(output);
        if (mapper.MappedCount > 0)
        {
            metrics.RecordUrlsRewritten((int)Math.Min(mapper.MappedCount, int.MaxValue));
            RequestDiagnostics.Current?.AddMappedUrls(mapper.Samples);
        }

        if (inner is HtmlRewriter { State: PublisherDocument { HeadInjected: true } } or HeldHtmlTransform { Document.HeadInjected: true })
        {
            metrics.RecordInjection("script");
        }
    }
}
