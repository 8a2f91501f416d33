using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

public sealed class AcceptEncodingTests
{
    [Theory]
    [InlineData(null, "identity")]
    [InlineData("", "identity")]
    [InlineData("   ", "identity")]
    [InlineData("gzip, deflate, br, zstd", "gzip, deflate, br")]
    [InlineData("br;q=1.0, gzip;q=0.8, *;q=0.1", "br;q=1.0, gzip;q=0.8, deflate;q=0.1")]
    [InlineData("zstd, br", "br")]
    [InlineData("zstd", "identity")]
    [InlineData("identity", "identity")]
    [InlineData("*", "gzip, deflate, br")]
    [InlineData("br, *;q=0.1", "br, gzip;q=0.1, deflate;q=0.1")]
    [InlineData("zstd, br;q=0.8, gzip;q=0.4", "br;q=0.8, gzip;q=0.4")]
    [InlineData("gzip;q=0", "identity")]
    [InlineData("compress, zstd, identity", "identity")]
    [InlineData("GZIP , Deflate", "GZIP, Deflate")]
    [InlineData("compress, x-gzip", "x-gzip")]
    [InlineData("deflate;q=0.5,gzip ; q=0.9", "deflate;q=0.5, gzip ; q=0.9")]
    [InlineData("GZip, BR", "GZip, BR")]
    [InlineData("gzip;q=0, br", "gzip;q=0, br")]
    [InlineData(",, gzip ,", "gzip")]
    [InlineData("brotli, gzipx, br", "br")]
    public void Narrowing_keeps_supported_codings_in_client_order_with_parameters(string? client, string expected) =>
        Assert.Equal(expected, BodyCodecs.NarrowAcceptEncoding(client));
}
