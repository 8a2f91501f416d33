namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>
/// The read side a decoder pulls encoded bytes through: it counts them (for the ratio cap), replays bytes peeked
/// to detect the deflate wrapper, and records whether the decoder ever asked past the end of the input, which is how
/// a truncated zlib, raw-deflate or brotli stream shows itself (a complete one stops asking at its end marker).
/// </summary>
/// <param name="inner">The encoded body.</param>
/// <param name="maxRead">
/// The most bytes one read hands the decoder. Decoders read ahead into their own buffers; small reads keep the bytes
/// counted close to the bytes decoded, so the ratio cap trips within a few MiB of a bomb's start.
/// </param>
internal sealed class EncodedSourceStream(Stream inner, int maxRead) : Stream
{
    private readonly byte[] _peeked = new byte[2];
    private int _peekedStart;
    private int _peekedEnd;

    /// <summary>Encoded bytes handed to the decoder so far.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>True once a read returned end of input.</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads up to two bytes ahead without consuming them; returns how many are available.</summary>
    public async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
    {
        while (_peekedEnd < _peeked.Length)
        {
            var n = await inner.ReadAsync(_peeked.AsMemory(_peekedEnd), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            _peekedEnd += n;
        }

        return _peekedEnd;
    }

    /// <summary>The peeked bytes, valid after <see cref="PeekAsync"/>.</summary>
    public ReadOnlySpan<byte> Peeked => _peeked.AsSpan(_peekedStart, _peekedEnd - _peekedStart);

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = TakePeeked(buffer);
        if (n == 0)
        {
            n = inner.Read(buffer[..Math.Min(buffer.Length, maxRead)]);
        }

        return Account(n);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var n = TakePeeked(buffer.Span);
        if (n == 0)
        {
            n = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken).ConfigureAwait(false);
        }

        return Account(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int TakePeeked(Span<byte> buffer)
    {
        var available = _peekedEnd - _peekedStart;
        if (available == 0)
        {
            return 0;
        }

        var n = Math.Min(available, buffer.Length);
        _peeked.AsSpan(_peekedStart, n).CopyTo(buffer);
        _peekedStart += n;
        return n;
    }

    private int Account(int n)
    {
        if (n == 0)
        {
            ReachedEnd = true;
        }

        BytesConsumed += n;
        return n;
    }
}
