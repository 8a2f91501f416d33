using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Finds where a double-quoted JavaScript string literal's body ends, across chunks: the first <c>"</c> not escaped
/// by an odd run of backslashes, read 64 bytes at a time (<see cref="JsBlockMasks"/>).
/// </summary>
internal struct JsStringEndScanner
{
    // Is the first byte of the next chunk escaped (the last one ended an odd run of backslashes)?
    private bool _escapeNext;

    /// <summary>
    /// The index in <paramref name="data"/> of the quote that ends the string, or -1 when the string goes on past it.
    /// After a -1 the next call continues the same string.
    /// </summary>
    public int IndexOfEnd(ReadOnlySpan<byte> data)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var offset = 0;
        for (; offset + 64 <= data.Length; offset += 64)
        {
            ref var block = ref Unsafe.Add(ref start, offset);
            var escaped = JsBlockMasks.Escaped(JsBlockMasks.Equal(ref block, (byte)'\\'), ref _escapeNext);
            var ends = JsBlockMasks.Equal(ref block, (byte)'"') & ~escaped;
            if (ends != 0)
            {
                _escapeNext = false;
                return offset + BitOperations.TrailingZeroCount(ends);
            }
        }

        if (offset == data.Length)
        {
            return -1;
        }

        Span<byte> padded = stackalloc byte[64];
        padded.Clear();
        var length = data.Length - offset;
        data[offset..].CopyTo(padded);
        ref var tail = ref MemoryMarshal.GetReference(padded);
        var escapeFirst = _escapeNext;
        var tailEscaped = JsBlockMasks.Escaped(JsBlockMasks.Equal(ref tail, (byte)'\\'), ref escapeFirst);
        var tailEnds = JsBlockMasks.Equal(ref tail, (byte)'"') & ~tailEscaped;
        if (tailEnds != 0)
        {
            _escapeNext = false;
            return offset + BitOperations.TrailingZeroCount(tailEnds);
        }

        // The padding is not a backslash, so bit `length` says whether the next chunk's first byte is escaped.
        _escapeNext = ((tailEscaped >> length) & 1) != 0;
        return -1;
    }
}
