using System.IO.Compression;
using System.Text;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

public sealed class BodyCodecsDecodeTests
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes(
        string.Concat(Enumerable.Range(0, 4000).Select(i => $"line {i}: https://origin.com/path/{i * 7919 % 1000}\n")));

    public static TheoryData<ContentCoding, bool> Codings() => new()
    {
        { ContentCoding.Gzip, false },
        { ContentCoding.Deflate, false },
        { ContentCoding.Deflate, true },
        { ContentCoding.Brotli, false },
    };

    [Theory]
    [MemberData(nameof(Codings))]
    public async Task Complete_bodies_decode_exactly_however_the_input_is_split(ContentCoding coding, bool raw)
    {
        var encoded = TestCodecs.Compress(Body, coding, raw);
        Assert.Equal(Body, TestCodecs.Decode(encoded, coding));
        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Equal(Body, TestCodecs.Decode(encoded, coding, seed: seed));
            Assert.Equal(Body, await TestCodecs.DecodeAsync(encoded, coding, seed));
        }
    }

    [Theory]
    [MemberData(nameof(Codings))]
    public async Task Truncated_bodies_throw_while_reading(ContentCoding coding, bool raw)
    {
        var encoded = TestCodecs.Compress(Body, coding, raw);
        foreach (var cut in new[] { 1, 2, 4, 8, 9, 20, encoded.Length / 2, encoded.Length - 3 })
        {
            var truncated = encoded[..^cut];
            Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(truncated, coding));
            await Assert.ThrowsAsync<InvalidDataException>(() => TestCodecs.DecodeAsync(truncated, coding, seed: cut));
        }
    }

    [Fact]
    public void Truncation_is_detected_without_the_runtime_strict_validation_switch()
    {
        // The test host does not set it; the decoders must not depend on it.
        Assert.False(
            AppContext.TryGetSwitch("System.IO.Compression.UseStrictValidation", out var enabled) && enabled,
            "this test proves the decoders do not need the switch, so the test host must not set it");
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(TestCodecs.Compress(Body, ContentCoding.Gzip)[..^1], ContentCoding.Gzip));
    }

    [Fact]
    public void Multi_member_gzip_decodes_every_member()
    {
        var first = TestCodecs.Compress("first member "u8, ContentCoding.Gzip);
        var second = TestCodecs.Compress("second member "u8, ContentCoding.Gzip);
        var third = TestCodecs.Compress("</body></html>"u8, ContentCoding.Gzip);
        byte[] encoded = [.. first, .. second, .. third];
        for (var seed = 0; seed < 5; seed++)
        {
            Assert.Equal("first member second member </body></html>"u8.ToArray(), TestCodecs.Decode(encoded, ContentCoding.Gzip, seed: seed));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'x', (byte)'y', (byte)'z', (byte)'\n' })]
    [InlineData(new byte[] { 0x8b, 0x1f, 1, 2 })]
    public void Non_magic_trailing_bytes_after_gzip_are_ignored(byte[] trailing)
    {
        byte[] encoded = [.. TestCodecs.Compress(Body, ContentCoding.Gzip), .. trailing];
        Assert.Equal(Body, TestCodecs.Decode(encoded, ContentCoding.Gzip));
    }

    [Fact]
    public void A_corrupt_pseudo_member_after_gzip_is_an_error()
    {
        byte[] encoded = [.. TestCodecs.Compress(Body, ContentCoding.Gzip), 0x1f, 0x8b, 0x63, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9];
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Gzip));
    }

    [Fact]
    public void A_bad_gzip_crc_is_an_error()
    {
        var encoded = TestCodecs.Compress(Body, ContentCoding.Gzip);
        encoded[^8] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Gzip));
    }

    [Fact]
    public void A_bad_zlib_checksum_is_an_error()
    {
        var encoded = TestCodecs.Compress(Body, ContentCoding.Deflate);
        encoded[^1] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Deflate));
    }

    [Fact]
    public void Bytes_after_the_zlib_end_are_ignored()
    {
        byte[] encoded = [.. TestCodecs.Compress(Body, ContentCoding.Deflate), 1, 2, 3];
        Assert.Equal(Body, TestCodecs.Decode(encoded, ContentCoding.Deflate));
    }

    [Fact]
    public void Gzip_bytes_declared_as_brotli_are_an_error()
    {
        var encoded = TestCodecs.Compress(Body, ContentCoding.Gzip);
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Brotli));
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public void An_empty_body_decodes_to_nothing(ContentCoding coding) =>
        Assert.Empty(TestCodecs.Decode([], coding));

    [Fact]
    public void Identity_returns_the_source_itself()
    {
        using var source = new MemoryStream(Body);
        Assert.Same(source, BodyCodecs.OpenDecoder(source, ContentCoding.Identity, DecodeLimits.Default));
    }

    [Fact]
    public void Decoding_never_returns_bytes_past_the_size_cap()
    {
        var encoded = TestCodecs.Compress(Body, ContentCoding.Gzip);
        var limits = new DecodeLimits(MaxDecodedBytes: Body.Length - 1, MaxRatio: 1e9);
        using var decoder = BodyCodecs.OpenDecoder(new MemoryStream(encoded), ContentCoding.Gzip, limits);
        var buffer = new byte[64 * 1024];
        long total = 0;
        var error = Assert.Throws<DecodeLimitExceededException>(() =>
        {
            int n;
            while ((n = decoder.Read(buffer)) > 0)
            {
                total += n;
            }
        });
        Assert.NotNull(error);
        Assert.True(total <= limits.MaxDecodedBytes);
        Assert.Equal(Body, TestCodecs.Decode(encoded, ContentCoding.Gzip, limits with { MaxDecodedBytes = Body.Length }));
    }

    [Fact]
    public void A_gzip_bomb_of_one_gibibyte_stops_at_the_cap_with_memory_flat()
    {
        // 1024 members of 1 MiB of zeros: 1 GiB decoded from about 1 MiB, built from one compression.
        var member = TestCodecs.Compress(new byte[1024 * 1024], ContentCoding.Gzip);
        var bomb = new byte[member.Length * 1024];
        for (var i = 0; i < 1024; i++)
        {
            member.CopyTo(bomb, i * member.Length);
        }

        var limits = new DecodeLimits(MaxDecodedBytes: 64L * 1024 * 1024, MaxRatio: 1e9);
        var (decoded, allocated) = DecodeUntilLimit(bomb, ContentCoding.Gzip, limits);
        Assert.True(decoded <= limits.MaxDecodedBytes);
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_brotli_bomb_stops_at_the_ratio_cap_with_memory_flat()
    {
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++)
            {
                brotli.Write(zeros);
            }
        }

        var (decoded, allocated) = DecodeUntilLimit(compressed.ToArray(), ContentCoding.Brotli, DecodeLimits.Default);
        Assert.True(decoded < 8L * 1024 * 1024, $"decoded {decoded} bytes");
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    private static (long Decoded, long Allocated) DecodeUntilLimit(byte[] encoded, ContentCoding coding, DecodeLimits limits)
    {
        var buffer = new byte[16 * 1024];
        long decoded = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var decoder = BodyCodecs.OpenDecoder(new MemoryStream(encoded), coding, limits))
        {
            Assert.Throws<DecodeLimitExceededException>(() =>
            {
                int n;
                while ((n = decoder.Read(buffer)) > 0)
                {
                    decoded += n;
                }
            });
        }

        return (decoded, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
