using System.Buffers;
using BenchmarkDotNet.Attributes;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Benchmarks.Publisher;

/// <summary>
/// The publisher HTML handler set (every attribute mapped, script/style text mapped, head injection) over the
/// 554 KB Next.js article in 16 KiB chunks: one page per operation. MB/s = 0.554 / mean seconds.
/// </summary>
[MemoryDiagnoser]
public class PublisherRewriterBenchmarks
{
    private const int ChunkSize = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private byte[] _body = [];
    private byte[] _small = [];
    private PublisherRewriter _rewriter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = BenchmarkData.NextJsArticle();
        _small = BenchmarkData.SmallPage();
        _rewriter = new PublisherRewriter(UrlMapperSettings.Create("https://www.test-publisher.com"), scriptTag: TsjsBundle.ScriptTagFor(new string('0', 64)));
    }

    [Benchmark]
    public int RewriteArticlePage()
    {
        _output.ResetWrittenCount();
        var transform = _rewriter.CreateHtml(_rewriter.CreateMapper("https", "edge.example.com"));
        for (var offset = 0; offset < _body.Length; offset += ChunkSize)
        {
            transform.Process(_body.AsSpan(offset, Math.Min(ChunkSize, _body.Length - offset)), _output);
        }

        transform.Finish(_output);
        return _output.WrittenCount;
    }

    /// <summary>The load benchmark's 2 KB page in one chunk: the per-response fixed cost dominates.</summary>
    [Benchmark]
    public int RewriteSmallPage()
    {
        _output.ResetWrittenCount();
        var transform = _rewriter.CreateHtml(_rewriter.CreateMapper("https", "edge.example.com"));
        transform.Process(_small, _output);
        transform.Finish(_output);
        return _output.WrittenCount;
    }

    /// <summary>A near-empty page: what creating the mapper and the rewriter and finishing a document cost.</summary>
    [Benchmark]
    public int RewriteTinyPage()
    {
        _output.ResetWrittenCount();
        var transform = _rewriter.CreateHtml(_rewriter.CreateMapper("https", "edge.example.com"));
        transform.Process("<html><head></head><body>x</body></html>"u8, _output);
        transform.Finish(_output);
        return _output.WrittenCount;
    }
}
