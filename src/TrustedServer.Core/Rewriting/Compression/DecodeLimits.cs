namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>Caps enforced while decoding, so a decompression bomb stops before it allocates.</summary>
/// <param name="MaxDecodedBytes">Most decoded bytes a body may produce.</param>
/// <param name="MaxRatio">Largest decoded-to-encoded ratio allowed once <paramref name="RatioGraceBytes"/> are decoded.</param>
/// <param name="RatioGraceBytes">Decoded bytes allowed before the ratio is checked.</param>
public sealed record DecodeLimits(long MaxDecodedBytes, double MaxRatio = 1000, long RatioGraceBytes = 1024 * 1024)
{
    /// <summary>The defaults of the specification: 256 MiB, 1000x after the first MiB.</summary>
    public static DecodeLimits Default { get; } = new(256L * 1024 * 1024);
}
