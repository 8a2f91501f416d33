using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// A 64-byte block of a JavaScript string literal's body as bit masks (bit i for byte i): which bytes equal a value,
/// which have the high bit set, and which are escaped by a backslash run. A Flight payload inside a push script has an
/// escape every few bytes, so reading it a byte or an escape at a time costs more than the rewrite around it.
/// </summary>
internal static class JsBlockMasks
{
    private const ulong EvenBits = 0x5555_5555_5555_5555UL;

    /// <summary>Bytes of the 64 at <paramref name="block"/> equal to <paramref name="value"/>.</summary>
    public static ulong Equal(ref byte block, byte value)
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

    /// <summary>Bytes of the 64 at <paramref name="block"/> at or above 0x80 (parts of multi-byte UTF-8).</summary>
    public static ulong High(ref byte block)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ulong low = Vector256.LoadUnsafe(ref block).ExtractMostSignificantBits();
            ulong high = Vector256.LoadUnsafe(ref block, 32).ExtractMostSignificantBits();
            return low | (high << 32);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            ulong mask = 0;
            for (nuint i = 0; i < 64; i += 16)
            {
                mask |= (ulong)Vector128.LoadUnsafe(ref block, i).ExtractMostSignificantBits() << (int)i;
            }

            return mask;
        }

        ulong bits = 0;
        for (var i = 0; i < 64; i++)
        {
            if (Unsafe.Add(ref block, i) >= 0x80)
            {
                bits |= 1UL << i;
            }
        }

        return bits;
    }

    /// <summary>
    /// The bytes escaped by a backslash run, from the block's backslash mask; <paramref name="escapeFirst"/> says on
    /// entry whether the block's first byte is escaped (the previous block ended an odd run) and on return whether the
    /// next block's is. Runs starting on even and odd bits are told apart by adding the run starts to the runs: the
    /// carry ripples to the byte after each run, and whether it lands on an even or odd bit gives the run's parity.
    /// </summary>
    public static ulong Escaped(ulong backslashes, ref bool escapeFirst)
    {
        var first = escapeFirst ? 1UL : 0UL;
        var unescaped = backslashes & ~first;
        var followsBackslash = (unescaped << 1) | first;
        var oddStarts = unescaped & ~EvenBits & ~followsBackslash;
        var sum = oddStarts + unescaped;
        escapeFirst = sum < oddStarts;
        var invert = sum << 1;
        return (EvenBits ^ invert) & followsBackslash;
    }
}
