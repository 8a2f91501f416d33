namespace TrustedServer.Core.Tests.Compression;

/// <summary>A read-only stream over bytes that returns reads of random sizes (1 to a few KiB), as a network would.</summary>
internal sealed class RandomChunkStream(byte[] data, int seed, int maxRead = 5000) : Stream
{
    private readonly Random _random = new(seed);
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

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _position >= data.Length)
        {
            return 0;
        }

        // Mostly small reads, sometimes single bytes, to exercise every boundary.
        var size = _random.Next(4) == 0 ? 1 : _random.Next(1, maxRead);
        var n = Math.Min(Math.Min(size, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
