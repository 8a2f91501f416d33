using System.Buffers;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Compression;

public sealed class StreamingBodyPipelineTests
{
    // The fixture is a page of www.test-publisher.com; the generated bodies use origin.com.
    private static readonly UrlMapper FixtureMapper = new(UrlMapperSettings.Create("https://www.test-publisher.com"), "https", "edge.example.com");

    private static readonly UrlMapper Mapper = new(
        UrlMapperSettings.Create("https://origin.com", [new HostMapping("static.origin.com", "/static-origin")]),
        "https",
        "www.origin.com");

    public static TheoryData<ContentCoding> AllCodings() =>
        [ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli];

    [Theory]
    [MemberData(nameof(AllCodings))]
    public async Task Identity_transform_round_trips_on_random_chunkings(ContentCoding coding)
    {
        var body = BodyGenerator.Css(seed: 3, approximateBytes: 200_000);
        for (var seed = 1; seed <= 4; seed++)
        {
            var output = await RunAsync(body, coding, PassThroughTransform.Instance, seed);
            Assert.Equal(body, output);
        }
    }

    public static TheoryData<ContentCoding, string> CodingsAndBodies()
    {
        var data = new TheoryData<ContentCoding, string>();
        foreach (var coding in new[] { ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli })
        {
            foreach (var kind in new[] { "css", "js", "json", "fixture" })
            {
                data.Add(coding, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodingsAndBodies))]
    public async Task Url_rewriting_through_the_whole_pipeline_is_chunk_invariant(ContentCoding coding, string kind)
    {
        var body = kind switch
        {
            "css" => BodyGenerator.Css(seed: 11, approximateBytes: 150_000),
            "js" => BodyGenerator.Js(seed: 12, approximateBytes: 150_000),
            "json" => BodyGenerator.Json(seed: 13, approximateBytes: 150_000),
            _ => File.ReadAllBytes(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html")),
        };
        var mapper = kind == "fixture" ? FixtureMapper : Mapper;
        var expected = RewriteInOneChunk(mapper, body);
        Assert.NotEqual(body, expected);
        for (var seed = 1; seed <= 3; seed++)
        {
            var output = await RunAsync(body, coding, mapper.CreateTransform(), seed);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"seed {seed} differs");
        }
    }

    [Theory]
    [MemberData(nameof(AllCodings))]
    public async Task What_is_rewritten_reaches_the_client_before_the_origin_sends_more(ContentCoding coding)
    {
        var ct = TestContext.Current.CancellationToken;
        var first = BodyGenerator.Js(seed: 3, approximateBytes: 3_000);
        var rest = BodyGenerator.Js(seed: 4, approximateBytes: 3_000);
        var pipe = new System.IO.Pipelines.Pipe();
        var origin = pipe.Writer.AsStream();
        var originEncoder = coding == ContentCoding.Identity ? origin : BodyCodecs.CreateEncoder(origin, coding);
        await originEncoder.WriteAsync(first, ct);
        await originEncoder.FlushAsync(ct);

        var destination = new FlushCountingStream();
        var run = StreamingBodyPipeline.RunAsync(
            pipe.Reader.AsStream(), coding, PassThroughTransform.Instance, destination, DecodeLimits.Default, ct);

        // The origin now stalls: everything decoded so far must already be flushed to the client.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (DecodedPrefix(destination.FlushedBytes(), coding).Length < first.Length)
        {
            await Task.Delay(10, deadline.Token);
        }

        Assert.Equal(first, DecodedPrefix(destination.FlushedBytes(), coding)[..first.Length]);
        Assert.False(run.IsCompleted);

        await originEncoder.WriteAsync(rest, ct);
        if (!ReferenceEquals(originEncoder, origin))
        {
            await originEncoder.DisposeAsync();
        }

        await pipe.Writer.CompleteAsync();
        await run;
        Assert.Equal(0, destination.UnflushedBytes);
        var whole = coding == ContentCoding.Identity ? destination.ToArray() : TestCodecs.Decode(destination.ToArray(), coding);
        Assert.Equal([.. first, .. rest], whole);
    }

    [Fact]
    public async Task An_origin_that_keeps_up_is_sent_in_a_few_large_flushes()
    {
        var body = BodyGenerator.Js(seed: 5, approximateBytes: 1_000_000);
        var encoded = TestCodecs.Compress(body, ContentCoding.Gzip);
        var destination = new FlushCountingStream();
        await StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, 9), ContentCoding.Gzip, PassThroughTransform.Instance, destination, DecodeLimits.Default, CancellationToken.None);

        // Reads that complete at once (data already buffered) are batched up to 64 KiB of output per flush.
        Assert.InRange(destination.Flushes, 2, (body.Length / (64 * 1024)) + 3);
        Assert.Equal(0, destination.UnflushedBytes);
        Assert.Equal(body, TestCodecs.Decode(destination.ToArray(), ContentCoding.Gzip));
    }

    /// <summary>Decodes as much of a possibly unfinished encoded body as is complete.</summary>
    private static byte[] DecodedPrefix(byte[] encoded, ContentCoding coding)
    {
        if (coding == ContentCoding.Identity)
        {
            return encoded;
        }

        using var decoder = BodyCodecs.OpenDecoder(new MemoryStream(encoded), coding, DecodeLimits.Default);
        var decoded = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = decoder.Read(buffer)) > 0)
            {
                decoded.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException)
        {
            // Unfinished: the bytes decoded before the cut are what the client has.
        }

        return decoded.ToArray();
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public async Task A_truncated_origin_body_fails_and_the_client_body_is_left_unfinished(ContentCoding coding)
    {
        var body = BodyGenerator.Json(seed: 6, approximateBytes: 100_000);
        var encoded = TestCodecs.Compress(body, coding)[..^5];
        using var destination = new MemoryStream();
        await Assert.ThrowsAsync<InvalidDataException>(() => StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, 2), coding, Mapper.CreateTransform(), destination, DecodeLimits.Default, CancellationToken.None));

        // What reached the client must not look complete.
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(destination.ToArray(), coding));
    }

    [Fact]
    public async Task A_decode_limit_breach_propagates()
    {
        var encoded = TestCodecs.Compress(new byte[8 * 1024 * 1024], ContentCoding.Gzip);
        using var destination = new MemoryStream();
        await Assert.ThrowsAsync<DecodeLimitExceededException>(() => StreamingBodyPipeline.RunAsync(
            new MemoryStream(encoded), ContentCoding.Gzip, PassThroughTransform.Instance, destination, new DecodeLimits(1024 * 1024, 1e9), CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_stops_the_pipeline()
    {
        var encoded = TestCodecs.Compress(BodyGenerator.Css(seed: 7, approximateBytes: 50_000), ContentCoding.Brotli);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var destination = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StreamingBodyPipeline.RunAsync(
            new MemoryStream(encoded), ContentCoding.Brotli, Mapper.CreateTransform(), destination, DecodeLimits.Default, cancelled.Token));
        Assert.Equal(0, destination.Length);
    }

    private static byte[] RewriteInOneChunk(UrlMapper mapper, byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        var transform = mapper.CreateTransform();
        transform.Process(body, output);
        transform.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> RunAsync(byte[] body, ContentCoding coding, IBodyTransform transform, int seed)
    {
        var encoded = coding == ContentCoding.Identity ? body : TestCodecs.Compress(body, coding);
        using var destination = new MemoryStream();
        await StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, seed), coding, transform, destination, DecodeLimits.Default, CancellationToken.None);
        return coding == ContentCoding.Identity ? destination.ToArray() : TestCodecs.Decode(destination.ToArray(), coding);
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        private long _flushedLength;

        public int Flushes { get; private set; }

        public long UnflushedBytes => Length - _flushedLength;

        // The test reads while the pipeline writes on another thread.
        public byte[] FlushedBytes()
        {
            lock (this)
            {
                return ToArray().AsSpan(0, (int)_flushedLength).ToArray();
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (this)
            {
                base.Write(buffer, offset, count);
            }
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override void Flush()
        {
            lock (this)
            {
                Flushes++;
                _flushedLength = Length;
            }
        }
    }
}
