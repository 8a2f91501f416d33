using System.Buffers;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Core.Tests.Compression;

namespace TrustedServer.Core.Tests.Publisher;

public sealed class PublisherPipelineChunkInvarianceTests
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html"));

    private static readonly PublisherRewriter FixtureRewriter = new(
        UrlMapperSettings.Create("https://www.test-publisher.com"), scriptTag: TsjsBundle.ScriptTagFor(new string('0', 64)));

    private static readonly PublisherRewriter GeneratedRewriter = new(
        UrlMapperSettings.Create("https://origin.com", [new HostMapping("static.origin.com", "/static-origin")]), scriptTag: TsjsBundle.ScriptTagFor(new string('0', 64)));

    public static TheoryData<ContentCoding> AllCodings() =>
        [ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli];

    [Theory]
    [MemberData(nameof(AllCodings))]
    public async Task The_fixture_page_decoded_rewritten_and_encoded_is_the_same_however_it_arrives(ContentCoding coding)
    {
        var mapper = FixtureRewriter.CreateMapper("https", "edge.example.com");
        var expected = Once(FixtureRewriter.Create(ContentKind.Html, mapper)!, Fixture);
        Assert.Equal(1, Count(expected, "id=\"trustedserver-js\""u8));
        Assert.True(Count(expected, "https://edge.example.com"u8) > 100);

        var encoded = coding == ContentCoding.Identity ? Fixture : TestCodecs.Compress(Fixture, coding);
        for (var seed = 1; seed <= 20; seed++)
        {
            var output = await RunAsync(encoded, coding, FixtureRewriter.Create(ContentKind.Html, mapper)!, seed, maxRead: seed % 4 == 0 ? 64 : 20_000);
            Assert.True(expected.AsSpan().SequenceEqual(output), $"chunking {seed} differs");
        }
    }

    [Theory]
    [MemberData(nameof(AllCodings))]
    public async Task Generated_css_js_and_json_are_the_same_however_they_arrive(ContentCoding coding)
    {
        var mapper = GeneratedRewriter.CreateMapper("https", "www.origin.com");
        foreach (var (kind, body) in new[]
        {
            (ContentKind.Css, BodyGenerator.Css(seed: 21, approximateBytes: 100_000)),
            (ContentKind.JavaScript, BodyGenerator.Js(seed: 22, approximateBytes: 100_000)),
            (ContentKind.Json, BodyGenerator.Json(seed: 23, approximateBytes: 100_000)),
        })
        {
            var expected = Once(GeneratedRewriter.Create(kind, mapper)!, body);
            Assert.NotEqual(body, expected);
            var encoded = coding == ContentCoding.Identity ? body : TestCodecs.Compress(body, coding);
            for (var seed = 1; seed <= 5; seed++)
            {
                var output = await RunAsync(encoded, coding, GeneratedRewriter.Create(kind, mapper)!, seed, maxRead: seed % 2 == 0 ? 50 : 8000);
                Assert.True(expected.AsSpan().SequenceEqual(output), $"{kind} chunking {seed} differs");
            }
        }
    }

    private static byte[] Once(IBodyTransform transform, byte[] body)
    {
        var output = new ArrayBufferWriter<byte>();
        transform.Process(body, output);
        transform.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    private static async Task<byte[]> RunAsync(byte[] encoded, ContentCoding coding, IBodyTransform transform, int seed, int maxRead)
    {
        using var destination = new MemoryStream();
        await StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, seed, maxRead), coding, transform, destination, DecodeLimits.Default, TestContext.Current.CancellationToken);
        return coding == ContentCoding.Identity ? destination.ToArray() : TestCodecs.Decode(destination.ToArray(), coding);
    }

    private static int Count(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        int at;
        while ((at = haystack.IndexOf(needle)) >= 0)
        {
            count++;
            haystack = haystack[(at + needle.Length)..];
        }

        return count;
    }
}
