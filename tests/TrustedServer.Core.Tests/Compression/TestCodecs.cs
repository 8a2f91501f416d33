using System.IO.Compression;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

/// <summary>Compresses test bodies with the BCL encoders and decodes through the codecs under test.</summary>
internal static class TestCodecs
{
    public static readonly ContentCoding[] Encoded = [ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli];

    public static byte[] Compress(ReadOnlySpan<byte> data, ContentCoding coding, bool rawDeflate = false)
    {
        using var output = new MemoryStream();
        using (var encoder = coding switch
        {
            ContentCoding.Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Deflate when rawDeflate => new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Deflate => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Brotli => (Stream)new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding)),
        })
        {
            encoder.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Decode(byte[] encoded, ContentCoding coding, DecodeLimits? limits = null, int seed = 0)
    {
        using var source = seed == 0 ? (Stream)new MemoryStream(encoded) : new RandomChunkStream(encoded, seed);
        using var decoder = BodyCodecs.OpenDecoder(source, coding, limits ?? DecodeLimits.Default);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    public static async Task<byte[]> DecodeAsync(byte[] encoded, ContentCoding coding, int seed)
    {
        using var source = new RandomChunkStream(encoded, seed);
        await using var decoder = BodyCodecs.OpenDecoder(source, coding, DecodeLimits.Default);
        using var output = new MemoryStream();
        await decoder.CopyToAsync(output);
        return output.ToArray();
    }
}
