using TrustedServer.Hosting.Publisher;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class AcceptEncodingNarrowerTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", "identity")]
    [InlineData("gzip", "gzip")]
    [InlineData("br, gzip", "br, gzip")]
    [InlineData("zstd, br;q=0.8, gzip;q=0.4", "br;q=0.8, gzip;q=0.4")]
    [InlineData("gzip;q=0", "identity")]
    [InlineData("*", "gzip, deflate, br")]
    [InlineData("br, *;q=0.1", "br, gzip;q=0.1, deflate;q=0.1")]
    [InlineData("compress, zstd, identity", "identity")]
    [InlineData("GZIP , Deflate", "GZIP, Deflate")]
    public void Keeps_the_clients_order_and_q_values_for_codings_we_decode(string? sent, string? expected) =>
        Assert.Equal(expected, AcceptEncodingNarrower.Narrow(sent));
}
