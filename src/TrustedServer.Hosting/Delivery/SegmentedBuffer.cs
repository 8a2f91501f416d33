using System.Buffers;

namespace TrustedServer.Hosting.Delivery;

/// <summary>
/// A write-only stream that keeps a bounded body in pooled 16 KiB segments (below the large-object heap),
/// then replays it with <see cref="OpenRead"/> or copies it out.
/// </summary>
internal sealed class SegmentedBuffer : Stream
{
    private const int SegmentSize = 16 * 1024;
    private readonly List<byte[]> _segments = [];
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var used = (int)(_length % SegmentSize);
            if (used == 0 && _length / SegmentSize == _segments.Count)
            {
                _segments.Add(ArrayPool<byte>.Shared.Rent(SegmentSize));
            }

            var segment = _segments[^1];
            var take = Math.Min(SegmentSize - used, buffer.Length);
            buffer[..take].CopyTo(segment.AsSpan(used));
            buffer = buffer[take..];
            _length += take;
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Copies every byte to <paramref name="destination"/>.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var remaining = _length;
        foreach (var segment in _segments)
        {
            var count = (int)Math.Min(SegmentSize, remaining);
            await destination.WriteAsync(segment.AsMemory(0, count), cancellationToken);
            remaining -= count;
        }
    }

    /// <summary>A contiguous copy from the pool (caller returns it); for whole-document post-processing only.</summary>
    public byte[] RentContiguous()
    {
        var result = ArrayPool<byte>.Shared.Rent((int)Math.Max(_length, 1));
        var offset = 0L;
        foreach (var segment in _segments)
        {
            var count = (int)Math.Min(SegmentSize, _length - offset);
            segment.AsSpan(0, count).CopyTo(result.AsSpan((int)offset));
            offset += count;
        }

        return result;
    }

    /// <summary>A read-only stream over the bytes written so far.</summary>
    public Stream OpenRead() => new Reader(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var segment in _segments)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }

            _segments.Clear();
            _length = 0;
        }

        base.Dispose(disposing);
    }

    private sealed class Reader(SegmentedBuffer owner) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => owner._length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var available = owner._length - _position;
            if (available <= 0 || buffer.Length == 0)
            {
                return 0;
            }

            var segment = owner._segments[(int)(_position / SegmentSize)];
            var offset = (int)(_position % SegmentSize);
            var count = (int)Math.Min(Math.Min(SegmentSize - offset, available), buffer.Length);
            segment.AsSpan(offset, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
