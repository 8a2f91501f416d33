using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Finds where a double-quoted JavaScript string literal's body ends, across chunks: the first <c>"</c> not escaped
/// by an odd run of backslashes. A Flight payload inside a push script has an escape every few bytes, so a byte loop
/// or a search that stops at each backslash costs more than the rewrite around it; this reads 64 bytes at a time as
/// bit masks and works out which bytes are escaped with a few integer operations per block.
/// </summary>
internal struct JsStringEndScanner
{
    private const ulong EvenBits = 0x5555_5555_5555_5555UL;

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
            var backslashes = Mask(ref Unsafe.Add(ref start, offset), (byte)'\\');
            var quotes = Mask(ref Unsafe.Add(ref start, offset), (byte)'"');
            var escaped = Escaped(backslashes, out var carry);
            var ends = quotes & ~escaped;
            if (ends != 0)
            {
                _escapeNext = false;
                return offset + BitOperations.TrailingZeroCount(ends);
            }

            _escapeNext = carry;
        }

        if (offset == data.Length)
        {
            return -1;
        }

        Span<byte> block = stackalloc byte[64];
        block.Clear();
        var length = data.Length - offset;
        data[offset..].CopyTo(block);
        var tailBackslashes = Mask(ref MemoryMarshal.GetReference(block), (byte)'\\');
        var tailQuotes = Mask(ref MemoryMarshal.GetReference(block), (byte)'"');
        var tailEscaped = Escaped(tailBackslashes, out _);
        var tailEnds = tailQuotes & ~tailEscaped;
        if (tailEnds != 0)
        {
            _escapeNext = false;
            return offset + BitOperations.TrailingZeroCount(tailEnds);
        }

        // The padding is not a backslash, so bit `length` says whether the next chunk's first byte is escaped.
        _escapeNext = ((tailEscaped >> length) & 1) != 0;
        return -1;
    }

    /// <summary>
    /// The bytes of a block escaped by a backslash run, from the block's backslash mask. Runs starting on an even bit
    /// and an odd bit are told apart by adding the run starts to the runs: the carry ripples to the byte after each
    /// run, and whether it lands on an even or odd bit gives the run's parity.
    /// </summary>
    private ulong Escaped(ulong backslashes, out bool carry)
    {
        var escapeFirst = _escapeNext ? 1UL : 0UL;
        var unescaped = backslashes & ~escapeFirst;
        var followsBackslash = (unescaped << 1) | escapeFirst;
        var oddStarts = unescaped & ~EvenBits & ~followsBackslash;
        var sum = oddStarts + unescaped;
        carry = sum < oddStarts;
        var invert = sum << 1;
        return (EvenBits ^ invert) & followsBackslash;
    }

    private static ulong Mask(ref byte block, byte value)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var needle = Vector256.Create(value);
            ulong low = Vector256.Equals(Vector256.LoadUnsafe(ref block), needle).ExtractMostSignificantBits();
            ulong high = Vector256.Equals(Vector256.LoadUnsafe(ref block, 32), needle).ExtractMostSignificantBits();
            return low | (high << 32);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var needle = Vector128.Create(value);
            ulong mask = 0;
            for (nuint i = 0; i < 64; i += 16)
            {
                mask |= (ulong)Vector128.Equals(Vector128.LoadUnsafe(ref block, i), needle).ExtractMostSignificantBits() << (int)i;
            }

            return mask;
        }

        ulong bits = 0;
        for (var i = 0; i < 64; i++)
        {
            if (Unsafe.Add(ref block, i) == value)
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }
}
