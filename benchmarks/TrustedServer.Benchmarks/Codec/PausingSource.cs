using TrustedServer.Core.IO;

namespace TrustedServer.Benchmarks.Codec;

/// <summary>
/// An in-memory body that makes its reader wait (a thread-pool hop) at every <c>segment</c> boundary, as a socket does
/// between the origin's bursts, so the pipeline's wait-triggered flushes happen at a known rate.
/// </summary>
internal sealed class PausingSource(byte[] body, int segment) : ReadOnlyStream
{
    private int _position;
    private int _pausedAt;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position > 0 && _position % segment == 0 && _pausedAt != _position)
        {
            _pausedAt = _position;
            await Task.Yield();
        }

        var next = ((_position / segment) + 1) * segment;
        var n = Math.Min(buffer.Length, Math.Min(next, body.Length) - _position);
        body.AsSpan(_position, n).CopyTo(buffer.Span);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
}
