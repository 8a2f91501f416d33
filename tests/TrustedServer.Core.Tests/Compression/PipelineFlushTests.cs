using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Compression;

/// <summary>How the re-encoded body is cut into writes and flushes, and that every cut still gives a valid body.</summary>
public sealed class PipelineFlushTests
{
    private static readonly UrlMapper Mapper = new(UrlMapperSettings.Create("https://origin.com"), "https", "www.origin.com");

    public static TheoryData<ContentCoding> EncodedCodings() => [ContentCoding.Gzip, ContentCoding.Deflate, ContentCoding.Brotli];

    [Theory]
    [MemberData(nameof(EncodedCodings))]
    public async Task Every_point_where_the_origin_pauses_gives_a_decodable_flush_and_a_whole_body(ContentCoding coding)
    {
        var body = BodyGenerator.Js(seed: 11, approximateBytes: 3_000);
        var expected = Rewrite(body);
        var encoded = TestCodecs.Compress(body, coding);
        var ct = TestContext.Current.CancellationToken;
        var pausesWithOutput = 0;
        for (var split = 1; split < encoded.Length; split++)
        {
            var destination = new RecordingStream();
            await StreamingBodyPipeline.RunAsync(
                new PausingStream(encoded, split), coding, Mapper.CreateTransform(), destination, DecodeLimits.Default, ct);

            Assert.True(expected.AsSpan().SequenceEqual(TestCodecs.Decode(destination.ToArray(), coding)), $"split at {split} of {encoded.Length}");

            // What the client holds while the origin pauses decodes, on its own, to the start of the page.
            if (destination.FirstFlush is { Length: > 0 } first)
            {
                pausesWithOutput++;
                var prefix = DecodePrefix(first, coding);
                Assert.True(prefix.Length > 0, $"split at {split}: the flushed bytes decode to nothing");
                Assert.True(expected.AsSpan().StartsWith(prefix), $"split at {split}: the flushed bytes are not the start of the page");
            }
        }

        // Most pauses come after output that the pipeline had to send at once.
        Assert.True(pausesWithOutput > encoded.Length / 2, $"{pausesWithOutput} of {encoded.Length} pauses flushed output");
    }

    [Theory]
    [MemberData(nameof(EncodedCodings))]
    public async Task A_compressed_body_reaches_the_client_in_one_write_per_flush(ContentCoding coding)
    {
        var body = BodyGenerator.Css(seed: 12, approximateBytes: 1_000_000);
        var encoded = TestCodecs.Compress(body, coding);
        var destination = new RecordingStream();
        await StreamingBodyPipeline.RunAsync(
            new RandomChunkStream(encoded, 13), coding, PassThroughTransform.Instance, destination, DecodeLimits.Default, TestContext.Current.CancellationToken);

        Assert.Equal(body, TestCodecs.Decode(destination.ToArray(), coding));
        Assert.True(destination.Flushes >= 2, $"{destination.Flushes} flushes");
        Assert.Equal(1, destination.MostWritesBetweenFlushes);
        Assert.Equal(0, destination.UnflushedBytes);
    }

    [Fact]
    public async Task A_corrupt_end_sends_nothing_past_the_last_flush()
    {
        // Enough for the encoder to have written into the held output, then a corrupt tail.
        var body = BodyGenerator.Json(seed: 14, approximateBytes: 300_000);
        var encoded = TestCodecs.Compress(body, ContentCoding.Gzip);
        encoded[^6] ^= 0xFF;
        var destination = new RecordingStream();
        await Assert.ThrowsAsync<InvalidDataException>(() => StreamingBodyPipeline.RunAsync(
            new MemoryStream(encoded), ContentCoding.Gzip, PassThroughTransform.Instance, destination, DecodeLimits.Default, TestContext.Current.CancellationToken));

        // Only flushed bytes were ever written, and they do not form a complete body.
        Assert.Equal(0, destination.UnflushedBytes);
        Assert.Throws<InvalidDataException>(() => TestCodecs.Decode(destination.ToArray(), ContentCoding.Gzip));
    }

    /// <summary>Decodes as much of an unfinished encoded body as is complete.</summary>
    private static byte[] DecodePrefix(byte[] encoded, ContentCoding coding)
    {
        using var decoder = BodyCodecs.OpenDecoder(new MemoryStream(encoded), coding, DecodeLimits.Default);
        using var decoded = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = decoder.Read(buffer)) > 0)
            {
                decoded.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException)
        {
            // Unfinished: what decoded before the cut is what the client has.
        }

        return decoded.ToArray();
    }

    private static byte[] Rewrite(byte[] body)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var transform = Mapper.CreateTransform();
        transform.Process(body, output);
        transform.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Returns the first <c>split</c> bytes at once, then makes the reader wait before the rest.</summary>
    private sealed class PausingStream(byte[] data, int split) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == split)
            {
                await Task.Yield();
            }

            var end = _position < split ? split : data.Length;
            var n = Math.Min(buffer.Length, end - _position);
            data.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Records how writes and flushes reach the client.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        private long _flushedLength;
        private int _writesSinceFlush;

        public int Flushes { get; private set; }

        public int MostWritesBetweenFlushes { get; private set; }

        /// <summary>The bytes the first of several flushes sent; null when there was one flush only (at the end).</summary>
        public byte[]? FirstFlush { get; private set; }

        public long UnflushedBytes => Length - _flushedLength;

        public override void Write(byte[] buffer, int offset, int count)
        {
            base.Write(buffer, offset, count);
            _writesSinceFlush++;
            MostWritesBetweenFlushes = Math.Max(MostWritesBetweenFlushes, _writesSinceFlush);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override void Flush()
        {
            if (Flushes == 1)
            {
                FirstFlush = ToArray().AsSpan(0, (int)_flushedLength).ToArray();
            }

            Flushes++;
            _flushedLength = Length;
            _writesSinceFlush = 0;
        }
    }
}
