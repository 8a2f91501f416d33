using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Benchmarks;

/// <summary>Decode, URL rewrite and re-encode of the 554 KB article, per content coding.</summary>
[MemoryDiagnoser]
public class CodecPipelineBenchmarks
{
    private readonly MemoryStream _destination = new(1024 * 1024);
    private byte[] _encoded = [];
    private UrlMapper _mapper = null!;

    [Params(ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli)]
    public ContentCoding Coding { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var body = BenchmarkData.NextJsArticle();
        _mapper = new UrlMapper(UrlMapperSettings.Create("https://www.test-publisher.com"), "https", "edge.example.com");
        using var output = new MemoryStream();
        using (var encoder = Coding switch
        {
            ContentCoding.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Deflate => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Brotli => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => (Stream)new WriteThrough(output),
        })
        {
            encoder.Write(body);
        }

        _encoded = output.ToArray();
    }

    [Benchmark]
    public async Task<long> DecodeRewriteEncode()
    {
        _destination.SetLength(0);
        await StreamingBodyPipeline.RunAsync(
            new MemoryStream(_encoded, writable: false), Coding, _mapper.CreateTransform(), _destination, DecodeLimits.Default, CancellationToken.None);
        return _destination.Length;
    }

    [Benchmark]
    public async Task<long> DecodeOnly()
    {
        await using var decoder = BodyCodecs.OpenDecoder(new MemoryStream(_encoded, writable: false), Coding, DecodeLimits.Default);
        var buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = await decoder.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private sealed class WriteThrough(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
