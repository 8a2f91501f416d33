using System.IO.Compression;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Tests.Compression;

public sealed class BodyCodecsEncodeTests
{
    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public async Task Output_flushed_after_the_first_chunk_decodes_to_the_first_chunk(ContentCoding coding)
    {
        var first = "<!doctype html><html><head><title>early</title>"u8.ToArray();
        using var output = new MemoryStream();
        await using var encoder = BodyCodecs.CreateEncoder(output, coding);
        await encoder.WriteAsync(first, TestContext.Current.CancellationToken);
        await encoder.FlushAsync(TestContext.Current.CancellationToken);

        // Only what the client has at this point: no end of stream yet.
        var soFar = output.ToArray();
        using Stream decoder = coding switch
        {
            ContentCoding.Gzip => new GZipStream(new MemoryStream(soFar), CompressionMode.Decompress),
            ContentCoding.Deflate => new ZLibStream(new MemoryStream(soFar), CompressionMode.Decompress),
            _ => new BrotliStream(new MemoryStream(soFar), CompressionMode.Decompress),
        };
        var decoded = new byte[first.Length];
        decoder.ReadExactly(decoded);
        Assert.Equal(first, decoded);
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public async Task Disposing_finishes_a_stream_that_decodes_completely(ContentCoding coding)
    {
        using var output = new MemoryStream();
        var encoder = BodyCodecs.CreateEncoder(output, coding);
        await encoder.WriteAsync("one "u8.ToArray(), TestContext.Current.CancellationToken);
        await encoder.FlushAsync(TestContext.Current.CancellationToken);
        await encoder.WriteAsync("two"u8.ToArray(), TestContext.Current.CancellationToken);
        await encoder.DisposeAsync();
        Assert.True(output.CanWrite, "the destination stays open");
        Assert.Equal("one two"u8.ToArray(), TestCodecs.Decode(output.ToArray(), coding));
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public async Task A_failure_to_finish_propagates(ContentCoding coding)
    {
        var destination = new FailingWriteStream();
        var encoder = BodyCodecs.CreateEncoder(destination, coding);
        await encoder.WriteAsync("body"u8.ToArray(), TestContext.Current.CancellationToken);
        destination.Fail = true;
        await Assert.ThrowsAsync<IOException>(async () => await encoder.DisposeAsync());
    }

    [Fact]
    public void Identity_encoder_is_the_output_itself()
    {
        using var output = new MemoryStream();
        Assert.Same(output, BodyCodecs.CreateEncoder(output, ContentCoding.Identity));
    }

    [Theory]
    [InlineData(null, true, ContentCoding.Identity)]
    [InlineData("", true, ContentCoding.Identity)]
    [InlineData("identity", true, ContentCoding.Identity)]
    [InlineData("GZIP", true, ContentCoding.Gzip)]
    [InlineData("x-gzip", true, ContentCoding.Gzip)]
    [InlineData(" deflate ", true, ContentCoding.Deflate)]
    [InlineData("br", true, ContentCoding.Brotli)]
    [InlineData("zstd", false, ContentCoding.Identity)]
    [InlineData("gzip, br", false, ContentCoding.Identity)]
    [InlineData("compress", false, ContentCoding.Identity)]
    public void Content_encoding_parses_only_single_supported_codings(string? header, bool ok, ContentCoding expected)
    {
        Assert.Equal(ok, BodyCodecs.TryParse(header, out var coding));
        Assert.Equal(expected, coding);
    }

    private sealed class FailingWriteStream : MemoryStream
    {
        public bool Fail { get; set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ThrowIfFailing();
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ThrowIfFailing();
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ThrowIfFailing();
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ThrowIfFailing();
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private void ThrowIfFailing()
        {
            if (Fail)
            {
                throw new IOException("client went away");
            }
        }
    }
}
