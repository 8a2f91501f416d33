using TrustedServer.Core.IO;

namespace TrustedServer.Hosting.Delivery;

/// <summary>Reads a buffered prefix, then the rest of the origin body: how an over-cap Buffered body falls back.</summary>
internal sealed class ConcatReadStream(Stream first, Stream second) : ReadOnlyStream
{
    private bool _firstDone;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_firstDone)
        {
            var read = await first.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            _firstDone = true;
        }

        return await second.ReadAsync(buffer, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

}
