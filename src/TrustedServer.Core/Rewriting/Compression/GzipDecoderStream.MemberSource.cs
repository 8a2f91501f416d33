using TrustedServer.Core.IO;
namespace TrustedServer.Core.Rewriting.Compression;

internal sealed partial class GzipDecoderStream
{
    /// <summary>Hands the raw inflater the current member's bytes, a small piece at a time, from the shared buffer.</summary>
    private sealed class MemberSource(GzipDecoderStream owner) : ReadOnlyStream
    {
        /// <summary>True once the inflater asked for input past the end of the body.</summary>
        public bool ReachedEnd { get; set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            // The inflater asks for more only once it consumed everything served, so nothing before _start is needed.
            owner._lastServedStart = owner._start;
            if (!await owner.EnsureAsync(1, cancellationToken).ConfigureAwait(false))
            {
                ReachedEnd = true;
                return 0;
            }

            var n = Math.Min(Math.Min(buffer.Length, MaxServe), owner._end - owner._start);
            owner._buffer.AsSpan(owner._start, n).CopyTo(buffer.Span);
            owner._lastServedStart = owner._start;
            owner._start += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    }
}
