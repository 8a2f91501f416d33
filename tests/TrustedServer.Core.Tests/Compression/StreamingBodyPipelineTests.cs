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
            var output = await RunAsync(body, coding, IdentityTransform.Instance, seed);
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
            _ => File.ReadAllBytes(Path.Combine(SharedPaths.Root, "fixtures", "html", "nextjs-article.html")),
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

    [Fact]
    public async Task The_destination_is_flushed_after_every_chunk()
    {
        var body = BodyGenerator.Js(seed: 5, approximateBytes: 100_000);
        var encoded = TestCodecs.Compress(body, ContentCoding.Gzip);
        var destination = new FlushCountingStream();
        await StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, 9), ContentCoding.Gzip, IdentityTransform.Instance, destination, DecodeLimits.Default, CancellationToken.None);
        Assert.True(destination.Flushes > 5, $"only {destination.Flushes} flushes");
        Assert.Equal(0, destination.UnflushedBytes);
        Assert.Equal(body, TestCodecs.Decode(destination.ToArray(), ContentCoding.Gzip));
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
            new MemoryStream(encoded), ContentCoding.Gzip, IdentityTransform.Instance, destination, new DecodeLimits(1024 * 1024, 1e9), CancellationToken.None));
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

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            _flushedLength = Length;
            return Task.CompletedTask;
        }

        public override void Flush()
        {
            Flushes++;
            _flushedLength = Length;
        }
    }
}
