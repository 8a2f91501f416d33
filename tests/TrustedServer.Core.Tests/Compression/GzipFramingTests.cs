using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

public sealed class GzipFramingTests
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"<p>{i} https://origin.com/{i}</p>\n")));

    [Theory]
    [InlineData(ContentCoding.Gzip, false)]
    [InlineData(ContentCoding.Deflate, false)]
    [InlineData(ContentCoding.Deflate, true)]
    [InlineData(ContentCoding.Brotli, false)]
    public void Every_proper_prefix_of_an_encoded_body_throws(ContentCoding coding, bool raw)
    {
        var encoded = TestCodecs.Compress(Body, coding, raw);
        for (var length = 1; length < encoded.Length; length++)
        {
            var prefix = encoded[..length];
            Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(prefix, coding));
        }
    }

    [Fact]
    public void Every_proper_prefix_of_a_multi_member_body_past_the_first_member_header_throws_or_is_a_complete_member()
    {
        var member = TestCodecs.Compress(Body, ContentCoding.Gzip);
        byte[] encoded = [.. member, .. member];
        for (var length = 1; length < encoded.Length; length++)
        {
            var prefix = encoded[..length];
            if (length == member.Length || length == member.Length + 1)
            {
                // A complete first member, then nothing or a lone 0x1F (trailing garbage).
                Assert.Equal(Body, TestCodecs.Decode(prefix, ContentCoding.Gzip));
            }
            else
            {
                Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(prefix, ContentCoding.Gzip));
            }
        }
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x04)]
    [InlineData(0x08)]
    [InlineData(0x10)]
    [InlineData(0x02)]
    [InlineData(0x1E)]
    public void Optional_header_fields_are_skipped(byte flags)
    {
        var encoded = Member(Body, flags);
        for (var seed = 0; seed < 4; seed++)
        {
            Assert.Equal(Body, TestCodecs.Decode(encoded, ContentCoding.Gzip, seed: seed));
        }
    }

    [Fact]
    public void A_wrong_header_crc_is_an_error()
    {
        var encoded = Member(Body, 0x02);
        encoded[10] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Gzip));
    }

    [Fact]
    public void A_wrong_length_in_the_trailer_is_an_error()
    {
        var encoded = TestCodecs.Compress(Body, ContentCoding.Gzip);
        encoded[^1] ^= 0x01;
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Gzip));
    }

    [Theory]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x09, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x20, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C })]
    public void A_body_that_is_not_gzip_is_an_error(byte[] encoded) =>
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(encoded, ContentCoding.Gzip));

    [Fact]
    public void Many_small_members_decode_in_order_under_random_reads()
    {
        var expected = new List<byte>();
        var encoded = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            var part = Encoding.ASCII.GetBytes($"part {i};");
            expected.AddRange(part);
            encoded.AddRange(Member(part, (byte)(i % 2 == 0 ? 0x08 : 0x00)));
        }

        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Equal(expected.ToArray(), TestCodecs.Decode([.. encoded], ContentCoding.Gzip, seed: seed));
        }
    }

    // Builds one member by hand so every optional header field can be exercised.
    private static byte[] Member(byte[] data, byte flags)
    {
        var header = new List<byte> { 0x1F, 0x8B, 0x08, flags, 1, 2, 3, 4, 0, 3 };
        if ((flags & 0x04) != 0)
        {
            header.AddRange(new byte[] { 5, 0, 1, 2, 3, 4, 5 });
        }

        if ((flags & 0x08) != 0)
        {
            header.AddRange(Encoding.ASCII.GetBytes("index.html\0"));
        }

        if ((flags & 0x10) != 0)
        {
            header.AddRange(Encoding.ASCII.GetBytes("a comment\0"));
        }

        if ((flags & 0x02) != 0)
        {
            var crc = (ushort)Crc32.HashToUInt32(header.ToArray());
            header.Add((byte)crc);
            header.Add((byte)(crc >> 8));
        }

        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)data.Length);
        return [.. header, .. TestCodecs.Compress(data, ContentCoding.Deflate, rawDeflate: true), .. trailer];
    }
}
