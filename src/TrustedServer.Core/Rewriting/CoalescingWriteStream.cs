using System.Buffers;

namespace TrustedServer.Core.Rewriting;

/// <summary>
/// Holds an encoder's output until the next flush and passes it on as one write. Encoders write their internal
/// buffer whenever it fills (8 KiB for deflate), and a response body stream sends every write to the socket: one write
/// per flush means one chunk and one send per burst instead of several. A write that would take it past 64 KiB sends
/// what it holds first, so it never holds more. Disposing it drops what was not flushed: the pipeline disposes it only
/// after its final flush, or on the error path, where nothing more may reach the client.
/// </summary>
internal sealed class CoalescingWriteStream(Stream destination) : Stream
{
    private const int Capacity = 64 * 1024;
    private byte[]? _buffer;
    private int _count;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_count + buffer.Length > Capacity && _count > 0)
        {
            destination.Write(_buffer.AsSpan(0, _count));
            _count = 0;
        }

        if (buffer.Length >= Capacity)
        {
            destination.Write(buffer);
            return;
        }

        _buffer ??= ArrayPool<byte>.Shared.Rent(Capacity);
        buffer.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_count + buffer.Length > Capacity && _count > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
            _count = 0;
        }

        if (buffer.Length >= Capacity)
        {
            await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        _buffer ??= ArrayPool<byte>.Shared.Rent(Capacity);
        buffer.Span.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        if (_count > 0)
        {
            destination.Write(_buffer.AsSpan(0, _count));
            _count = 0;
        }

        destination.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
            _count = 0;
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer is { } buffer)
        {
            _buffer = null;
            _count = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
