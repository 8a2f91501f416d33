using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

public sealed class UrlRewriteTransformTests
{
    private static readonly UrlMapper Mapper = new(
        UrlMapperSettings.Create("https://origin.com", [new HostMapping("static.origin.com", "/static-origin")]),
        "https",
        "www.origin.com");

    // Every form, every boundary, look-alikes, repeated short matches and a match at both ends. A "//" right after a
    // mapped authority is a path and is left alone; the next one is matched again.
    private const string Dense =
        "//origin.com https://origin.com/a http://origin.com:80/b //origin.com//origin.com https:\\/\\/origin.com\\/c " +
        "\\/\\/origin.com\\/d https://origin.com.evil https://origin.community https://cdn.origin.com mail@origin.com " +
        "notorigin.com https://origin.com:8080/e HTTPS://ORIGIN.COM:443 url(//static.origin.com/i.png) " +
        "//origin.com//origin.com//origin.com,https://origin.com;https://origin.com)ftp://origin.com/ https://origin.com";

    private const string DenseExpected =
        "//www.origin.com https://www.origin.com/a https://www.origin.com/b //www.origin.com//origin.com https:\\/\\/www.origin.com\\/c " +
        "\\/\\/www.origin.com\\/d https://origin.com.evil https://origin.community https://cdn.origin.com mail@origin.com " +
        "notorigin.com https://origin.com:8080/e https://www.origin.com url(//www.origin.com/static-origin/i.png) " +
        "//www.origin.com//origin.com//www.origin.com,https://www.origin.com;https://www.origin.com)ftp://origin.com/ https://www.origin.com";

    [Fact]
    public void The_dense_sample_maps_as_expected_in_one_chunk() =>
        Assert.Equal(DenseExpected, Rewrite(Encoding.ASCII.GetBytes(Dense), [Dense.Length]));

    [Fact]
    public void A_pattern_split_at_every_byte_position_across_two_chunks_gives_the_same_output()
    {
        var input = Encoding.ASCII.GetBytes(Dense);
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(DenseExpected, Rewrite(input, [split, input.Length - split]));
        }
    }

    [Fact]
    public void Every_pair_of_split_points_gives_the_same_output_on_a_short_input()
    {
        const string input = "a //origin.com:443/x https:\\/\\/static.origin.com\\/y http://origin.com";
        const string expected = "a //www.origin.com/x https:\\/\\/www.origin.com\\/static-origin\\/y https://www.origin.com";
        var bytes = Encoding.ASCII.GetBytes(input);
        for (var i = 0; i <= bytes.Length; i++)
        {
            for (var j = i; j <= bytes.Length; j++)
            {
                Assert.Equal(expected, Rewrite(bytes, [i, j - i, bytes.Length - j]));
            }
        }
    }

    [Fact]
    public void One_byte_at_a_time_gives_the_same_output()
    {
        var input = Encoding.ASCII.GetBytes(Dense);
        Assert.Equal(DenseExpected, Rewrite(input, Enumerable.Repeat(1, input.Length).ToArray()));
    }

    [Fact]
    public void Random_chunkings_of_generated_bodies_give_the_same_output()
    {
        foreach (var body in new[]
        {
            Compression.BodyGenerator.Css(1, 60_000), Compression.BodyGenerator.Js(2, 60_000), Compression.BodyGenerator.Json(3, 60_000),
        })
        {
            var expected = Rewrite(body, [body.Length]);
            var random = new Random(42);
            for (var round = 0; round < 20; round++)
            {
                Assert.Equal(expected, Rewrite(body, RandomSizes(random, body.Length, round % 2 == 0 ? 16 : 3000)));
            }
        }
    }

    [Fact]
    public void Latin1_bodies_are_byte_identical_apart_from_mapped_urls()
    {
        var latin1 = Encoding.Latin1;
        var (input, expected) = Build(
            latin1,
            "/* Café crème, naïve façade: ÿ þ ß \u00A0 */ .a{background:url(",
            "https://origin.com/é.png",
            "https://www.origin.com/é.png",
            ")} /* déjà vu */ .b{content:\"¿\"} ");
        AssertAllChunkings(input, expected);
    }

    [Fact]
    public void Shift_jis_bodies_are_byte_identical_apart_from_mapped_urls()
    {
        // 日本語 (93 FA 96 7B 8C EA), 表 (95 5C) and ソ (83 5C): trail bytes 0x5C are '\' in ASCII.
        byte[] text = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x95, 0x5C, 0x83, 0x5C, 0x20];
        byte[] input = [.. text, .. "var u=\"https://origin.com/p\";"u8, 0x95, 0x5C, .. "//origin.com/"u8, 0x83, 0x5C, .. "\\/\\/origin.com\\/x"u8, .. text];
        byte[] expected = [.. text, .. "var u=\"https://www.origin.com/p\";"u8, 0x95, 0x5C, .. "//www.origin.com/"u8, 0x83, 0x5C, .. "\\/\\/www.origin.com\\/x"u8, .. text];
        AssertAllChunkings(input, expected);
    }

    [Fact]
    public void A_host_followed_by_a_non_ascii_byte_is_not_a_whole_authority()
    {
        byte[] input = [.. "//origin.com"u8, 0x83, 0x5C, .. " https://origin.com"u8, 0xE9];
        AssertAllChunkings(input, input);
    }

    [Fact]
    public void Invalid_utf8_is_carried_through_untouched()
    {
        byte[] garbage = [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, 0x80, 0x80, 0xED, 0xA0, 0x80];
        byte[] input = [.. garbage, .. "https://origin.com/"u8, .. garbage, .. "//origin.com\""u8, 0xC3, .. "//origin.com"u8, 0xC3];
        byte[] expected = [.. garbage, .. "https://www.origin.com/"u8, .. garbage, .. "//www.origin.com\""u8, 0xC3, .. "//origin.com"u8, 0xC3];
        AssertAllChunkings(input, expected);
    }

    [Fact]
    public void Pending_state_stays_within_the_longest_pattern()
    {
        var transform = Mapper.CreateTransform();
        var output = new ArrayBufferWriter<byte>();
        var body = Encoding.ASCII.GetBytes(Dense + Dense + Dense);
        var longest = "https:\\/\\/static.origin.com:443/".Length;
        foreach (var b in body)
        {
            transform.Process([b], output);
            Assert.True(transform.PendingBytes < longest, $"{transform.PendingBytes} pending");
        }

        transform.Finish(output);
        Assert.Equal(0, transform.PendingBytes);
    }

    [Fact]
    public void Output_is_never_rescanned_when_the_request_host_contains_the_origin_host()
    {
        var mapper = new UrlMapper(UrlMapperSettings.Create("https://example.com"), "https", "www.example.com");
        var input = "https://example.com/a //example.com/b https://www.example.com/c"u8.ToArray();
        var expected = "https://www.example.com/a //www.example.com/b https://www.example.com/c"u8.ToArray();
        var once = RewriteWith(mapper, input, [input.Length]);
        Assert.Equal(expected, once);
        Assert.Equal(expected, RewriteWith(mapper, once, [5, 7, once.Length - 12]));
    }

    [Fact]
    public void An_empty_body_gives_empty_output()
    {
        Assert.Equal(string.Empty, Rewrite([], []));
        Assert.Equal(string.Empty, Rewrite([], [0, 0]));
    }

    private static void AssertAllChunkings(byte[] input, byte[] expected)
    {
        Assert.Equal(expected, RewriteWith(Mapper, input, [input.Length]));
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(expected, RewriteWith(Mapper, input, [split, input.Length - split]));
        }

        Assert.Equal(expected, RewriteWith(Mapper, input, Enumerable.Repeat(1, input.Length).ToArray()));
    }

    private static (byte[] Input, byte[] Expected) Build(Encoding encoding, string before, string url, string mapped, string after) =>
        (encoding.GetBytes(before + url + after + url), encoding.GetBytes(before + mapped + after + mapped));

    private static int[] RandomSizes(Random random, int total, int max)
    {
        var sizes = new List<int>();
        for (var left = total; left > 0;)
        {
            var size = Math.Min(left, random.Next(1, max));
            sizes.Add(size);
            left -= size;
        }

        return [.. sizes];
    }

    private static string Rewrite(byte[] input, int[] sizes) => Encoding.ASCII.GetString(RewriteWith(Mapper, input, sizes));

    private static byte[] RewriteWith(UrlMapper mapper, byte[] input, int[] sizes)
    {
        var transform = mapper.CreateTransform();
        var output = new ArrayBufferWriter<byte>();
        var offset = 0;
        foreach (var size in sizes)
        {
            transform.Process(input.AsSpan(offset, size), output);
            offset += size;
        }

        Assert.Equal(input.Length, offset);
        transform.Finish(output);
        return output.WrittenSpan.ToArray();
    }
}
