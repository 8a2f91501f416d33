namespace TrustedServer.Core.Rewriting;

/// <summary>
/// Passes writes and flushes to the destination until closed; after that it drops them. The pipeline puts it under
/// the encoder so that releasing an encoder on the error path cannot write an end-of-stream marker that would make a
/// truncated body look complete. Disposing it never disposes the destination.
/// </summary>
internal sealed class WriteGateStream(Stream destination) : Stream
{
    private bool _closed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Drops every later write and flush.</summary>
    public void CloseGate() => _closed = true;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_closed)
        {
            destination.Write(buffer);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _closed ? ValueTask.CompletedTask : destination.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        if (!_closed)
        {
            destination.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _closed ? Task.CompletedTask : destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
