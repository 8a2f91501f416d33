using System.IO.Compression;
using TrustedServer.Core.IO;

namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>
/// A read-only decoded view of an encoded body. It enforces <see cref="DecodeLimits"/> on every read (never returning
/// a byte past the size cap), picks zlib or raw deflate from the first two bytes, and turns a silently truncated
/// stream into <see cref="InvalidDataException"/> at end of input.
/// </summary>
internal sealed class DecodingStream : ReadOnlyStream
{
    // Larger reads save decoder calls. Deflate cannot expand more than about 1032x, so a gzip or zlib bomb ends at the
    // size cap whatever the read size; brotli has no such bound and gets small reads, which keep the ratio cap prompt.
    private const int DeflateMaxRead = 16 * 1024;
    private const int BrotliMaxRead = 4 * 1024;

    private readonly EncodedSourceStream _source;
    private readonly ContentCoding _coding;
    private readonly DecodeLimits _limits;
    private Stream? _decoder;
    private long _decoded;
    private bool _finished;

    public DecodingStream(Stream encoded, ContentCoding coding, DecodeLimits limits)
    {
        _source = new EncodedSourceStream(encoded, coding == ContentCoding.Brotli ? BrotliMaxRead : DeflateMaxRead);
        _coding = coding;
        _limits = limits;
    }

    /// <summary>Decoded bytes returned so far.</summary>
    public long DecodedBytes => _decoded;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _finished)
        {
            return 0;
        }

        if (_decoder is null)
        {
            var isZlib = _coding != ContentCoding.Deflate || await PeekZlibHeaderAsync(cancellationToken).ConfigureAwait(false);
            _decoder = CreateDecoder(isZlib);
        }

        int n;
        try
        {
            n = await _decoder.ReadAsync(buffer[..AllowedLength(buffer.Length)], cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (_coding == ContentCoding.Brotli)
        {
            throw CorruptBrotli(e);
        }

        return AfterRead(n);
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _finished)
        {
            return 0;
        }

        if (_decoder is null)
        {
            var isZlib = _coding != ContentCoding.Deflate || PeekZlibHeaderAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            _decoder = CreateDecoder(isZlib);
        }

        int n;
        try
        {
            n = _decoder.Read(buffer[..AllowedLength(buffer.Length)]);
        }
        catch (InvalidOperationException e) when (_coding == ContentCoding.Brotli)
        {
            throw CorruptBrotli(e);
        }

        return AfterRead(n);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoder?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>True for an RFC 1950 header: deflate method, window at most 32 KiB, header checksum divisible by 31.</summary>
    internal static bool IsZlibHeader(byte cmf, byte flg) =>
        (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;

    // BrotliStream reports corrupt input as InvalidOperationException; callers expect one exception type for bad bytes.
    private static InvalidDataException CorruptBrotli(InvalidOperationException inner) =>
        new("corrupt br body: " + inner.Message, inner);

    private async ValueTask<bool> PeekZlibHeaderAsync(CancellationToken cancellationToken)
    {
        var n = await _source.PeekAsync(cancellationToken).ConfigureAwait(false);
        var peeked = _source.Peeked;
        return n < 2 || IsZlibHeader(peeked[0], peeked[1]);
    }

    private Stream CreateDecoder(bool isZlib) => _coding switch
    {
        ContentCoding.Gzip => new GzipDecoderStream(_source),
        ContentCoding.Deflate when isZlib => new ZLibStream(_source, CompressionMode.Decompress, leaveOpen: true),
        ContentCoding.Deflate => new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true),
        ContentCoding.Brotli => new BrotliStream(_source, CompressionMode.Decompress, leaveOpen: true),
        _ => throw new InvalidOperationException("identity bodies are not wrapped"),
    };

    // One byte past the cap is requested so that reaching the cap exactly is allowed and passing it is detected.
    private int AllowedLength(int requested) => (int)Math.Min(requested, _limits.MaxDecodedBytes - _decoded + 1);

    private int AfterRead(int n)
    {
        if (n == 0)
        {
            _finished = true;
            ValidateEnd();
            return 0;
        }

        _decoded += n;
        if (_decoded > _limits.MaxDecodedBytes)
        {
            throw new DecodeLimitExceededException($"decoded body exceeds {_limits.MaxDecodedBytes} bytes");
        }

        if (_decoded > _limits.RatioGraceBytes && _decoded > _limits.MaxRatio * Math.Max(1, _source.BytesConsumed))
        {
            throw new DecodeLimitExceededException($"decoded body expands more than {_limits.MaxRatio}x");
        }

        return n;
    }

    // A complete zlib, raw-deflate or brotli stream stops reading at its end marker; a decoder that hit end of input
    // without one was cut short. Gzip looks past each member for another one and checks its own framing.
    private void ValidateEnd()
    {
        if (_coding != ContentCoding.Gzip && _source.ReachedEnd && _source.BytesConsumed > 0)
        {
            throw new InvalidDataException($"truncated {_coding} body: end of input before the end of the compressed stream");
        }
    }
}
