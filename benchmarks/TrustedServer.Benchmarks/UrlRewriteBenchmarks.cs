using System.Buffers;
using BenchmarkDotNet.Attributes;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Benchmarks;

/// <summary>The URL mapper streaming over the 554 KB Next.js article as text, in 16 KiB chunks.</summary>
[MemoryDiagnoser]
public class UrlRewriteBenchmarks
{
    private const int ChunkSize = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private byte[] _body = [];
    private UrlMapper _mapper = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = BenchmarkData.NextJsArticle();
        _mapper = new UrlMapper(UrlMapperSettings.Create("https://www.test-publisher.com"), "https", "edge.example.com");
    }

    [Benchmark]
    public int RewriteArticleInChunks()
    {
        _output.ResetWrittenCount();
        var transform = _mapper.CreateTransform();
        for (var offset = 0; offset < _body.Length; offset += ChunkSize)
        {
            transform.Process(_body.AsSpan(offset, Math.Min(ChunkSize, _body.Length - offset)), _output);
        }

        transform.Finish(_output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int CopyArticleInChunks()
    {
        _output.ResetWrittenCount();
        for (var offset = 0; offset < _body.Length; offset += ChunkSize)
        {
            _output.Write(_body.AsSpan(offset, Math.Min(ChunkSize, _body.Length - offset)));
        }

        return _output.WrittenCount;
    }
}
