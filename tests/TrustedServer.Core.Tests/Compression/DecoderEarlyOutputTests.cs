using System.IO.Pipelines;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

public sealed class DecoderEarlyOutputTests
{
    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public async Task A_flushed_first_chunk_is_decoded_before_the_origin_sends_the_rest(ContentCoding coding)
    {
        var ct = TestContext.Current.CancellationToken;
        var first = "<!doctype html><html><head><title>first</title>"u8.ToArray();
        var pipe = new Pipe();
        var origin = pipe.Writer.AsStream();
        var encoder = BodyCodecs.CreateEncoder(origin, coding);
        await encoder.WriteAsync(first, ct);
        await encoder.FlushAsync(ct);

        // The origin has not finished (no end of stream written); the first chunk must still come out whole.
        await using var decoder = BodyCodecs.OpenDecoder(pipe.Reader.AsStream(), coding, DecodeLimits.Default);
        var decoded = new byte[first.Length];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await decoder.ReadExactlyAsync(decoded, timeout.Token);
        Assert.Equal(first, decoded);

        await encoder.WriteAsync("</head></html>"u8.ToArray(), ct);
        await encoder.DisposeAsync();
        await pipe.Writer.CompleteAsync();
        var rest = new MemoryStream();
        await decoder.CopyToAsync(rest, ct);
        Assert.Equal("</head></html>"u8.ToArray(), rest.ToArray());
    }
}
