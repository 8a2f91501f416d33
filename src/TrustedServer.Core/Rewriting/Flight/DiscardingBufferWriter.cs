using System.Buffers;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// A writer that keeps nothing: for asking the mapper whether a row holds anything to map, without paying for a copy
/// of the mapped row (a JSON row can be over 100 KB). One scratch buffer is reused for every write.
/// </summary>
internal sealed class DiscardingBufferWriter : IBufferWriter<byte>
{
    private byte[] _scratch = new byte[256];

    public void Advance(int count)
    {
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

    private byte[] Scratch(int sizeHint)
    {
        if (_scratch.Length < sizeHint)
        {
            _scratch = new byte[Math.Max(sizeHint, _scratch.Length * 2)];
        }

        return _scratch;
    }
}
