using System.IO.Compression;

namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>
/// Opens decoders over an origin body and encoders over a client body for the supported content codings.
/// A decoder throws <see cref="InvalidDataException"/> on corrupt or truncated input and
/// <see cref="DecodeLimitExceededException"/> when a cap is hit, both while reading.
/// An encoder is flushed by the caller after every chunk and finished by disposing it; disposal errors propagate.
/// </summary>
public static class BodyCodecs
{
    /// <summary>Parses a <c>Content-Encoding</c> header value. False for unknown or stacked codings.</summary>
    public static bool TryParse(string? contentEncoding, out ContentCoding coding)
    {
        coding = ContentCoding.Identity;
        if (string.IsNullOrWhiteSpace(contentEncoding))
        {
            return true;
        }

        var value = contentEncoding.Trim();
        if (value.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        if (value.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || value.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            coding = ContentCoding.Gzip;
            return true;
        }

        if (value.Equals("deflate", StringComparison.OrdinalIgnoreCase))
        {
            coding = ContentCoding.Deflate;
            return true;
        }

        if (value.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            coding = ContentCoding.Brotli;
            return true;
        }

        return false;
    }

    /// <summary>Wraps <paramref name="encoded"/> in a decoder for <paramref name="coding"/>.</summary>
    public static Stream OpenDecoder(Stream encoded, ContentCoding coding, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(limits);
        return coding switch
        {
            ContentCoding.Identity => encoded,
            ContentCoding.Gzip => new GZipStream(encoded, CompressionMode.Decompress, leaveOpen: true),
            ContentCoding.Deflate => new ZLibStream(encoded, CompressionMode.Decompress, leaveOpen: true),
            ContentCoding.Brotli => new BrotliStream(encoded, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding)),
        };
    }

    /// <summary>Wraps <paramref name="output"/> in an encoder for <paramref name="coding"/>.</summary>
    public static Stream CreateEncoder(Stream output, ContentCoding coding)
    {
        ArgumentNullException.ThrowIfNull(output);
        return coding switch
        {
            ContentCoding.Identity => output,
            ContentCoding.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            ContentCoding.Deflate => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            ContentCoding.Brotli => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(coding)),
        };
    }
}
