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
    private static readonly string[] Decodable = ["gzip", "deflate", "br"];

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

    /// <summary>
    /// Wraps <paramref name="encoded"/> in a decoder for <paramref name="coding"/> (identity returns
    /// <paramref name="encoded"/> itself, uncapped). The decoder leaves <paramref name="encoded"/> open. Gzip decodes
    /// every member and ignores trailing bytes that do not start a member; deflate accepts zlib-wrapped and raw data.
    /// Reads throw <see cref="InvalidDataException"/> on corrupt or truncated input (a pseudo-member that starts with
    /// the gzip magic but is not valid, a bad CRC or Adler-32, a missing end marker) and
    /// <see cref="DecodeLimitExceededException"/> when <paramref name="limits"/> are exceeded; no read returns bytes
    /// beyond <see cref="DecodeLimits.MaxDecodedBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coding"/> is not a defined value.</exception>
    public static Stream OpenDecoder(Stream encoded, ContentCoding coding, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(limits);
        return coding switch
        {
            ContentCoding.Identity => encoded,
            ContentCoding.Gzip or ContentCoding.Deflate or ContentCoding.Brotli => new DecodingStream(encoded, coding, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(coding)),
        };
    }

    /// <summary>
    /// Wraps <paramref name="output"/> in an encoder for <paramref name="coding"/> (identity returns
    /// <paramref name="output"/> itself). <c>FlushAsync</c> after each chunk emits everything written so far as
    /// decodable bytes (a sync flush) and flushes <paramref name="output"/>; <c>DisposeAsync</c> writes the end of the
    /// stream and leaves <paramref name="output"/> open; its errors propagate.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="coding"/> is not a defined value.</exception>
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

    /// <summary>
    /// Narrows a client's <c>Accept-Encoding</c> to the codings this server can decode (gzip, x-gzip, deflate, br),
    /// keeping the client's order and parameters (q-values); a <c>*</c> stands for every coding the client did not
    /// name and is expanded to the decodable ones it covers, with its parameters. <c>identity</c> when no acceptable
    /// (q &gt; 0) coding remains.
    /// </summary>
    public static string NarrowAcceptEncoding(string? clientAcceptEncoding)
    {
        if (string.IsNullOrWhiteSpace(clientAcceptEncoding))
        {
            return "identity";
        }

        var kept = new List<string>(4);
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? wildcardParameters = null;
        foreach (var element in clientAcceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var semicolon = element.IndexOf(';', StringComparison.Ordinal);
            var coding = (semicolon < 0 ? element : element[..semicolon]).TrimEnd();
            named.Add(coding);
            if (coding == "*")
            {
                wildcardParameters = semicolon < 0 ? string.Empty : element[semicolon..];
            }
            else if (Array.Exists(Decodable, d => d.Equals(coding, StringComparison.OrdinalIgnoreCase)) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(element);
            }
        }

        if (wildcardParameters is not null)
        {
            foreach (var coding in Decodable)
            {
                if (!named.Contains(coding) && !(coding == "gzip" && named.Contains("x-gzip")))
                {
                    kept.Add(coding + wildcardParameters);
                }
            }
        }

        return kept.Exists(IsAcceptable) ? string.Join(", ", kept) : "identity";
    }

    private static bool IsAcceptable(string element)
    {
        var q = element.IndexOf("q=", StringComparison.OrdinalIgnoreCase);
        return q < 0
            || !double.TryParse(element.AsSpan(q + 2).Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value > 0;
    }
}
