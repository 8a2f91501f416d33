using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Measures, 64 bytes at a time (<see cref="JsBlockMasks"/>), how much of a JavaScript string's body can be taken as
/// one run by the Flight rewriter: plain bytes and two-byte escapes that stand for one ASCII character (<c>\"</c>,
/// <c>\\</c>, <c>\/</c>, <c>\t</c>, ...). It stops before an escape that needs a closer look: <c>\u</c> and <c>\x</c>
/// (any code point, a newline among them), a line continuation, an escaped non-ASCII byte and, where it ends a row,
/// <c>\n</c>.
/// </summary>
internal static class JsSimpleRun
{
    /// <summary>
    /// The length of the run at the start of <paramref name="text"/>, which starts at a unit boundary; the run never
    /// ends inside an escape. <paramref name="escapes"/> is how many escapes it holds, so it decodes to its length less
    /// that many bytes.
    /// </summary>
    public static int Measure(ReadOnlySpan<byte> text, bool newlineEnds, out int escapes)
    {
        escapes = 0;
        var escapeFirst = false;
        ref var start = ref MemoryMarshal.GetReference(text);
        Span<byte> padded = stackalloc byte[64];
        ulong lastStarts = 0;
        var lastOffset = 0;
        for (var offset = 0; offset < text.Length; offset += 64)
        {
            var length = Math.Min(64, text.Length - offset);
            if (length < 64)
            {
                padded.Clear();
                text[offset..].CopyTo(padded);
            }

            ref var block = ref length < 64 ? ref MemoryMarshal.GetReference(padded) : ref Unsafe.Add(ref start, offset);

            var valid = length == 64 ? ulong.MaxValue : (1UL << length) - 1;
            var backslashes = JsBlockMasks.Equal(ref block, (byte)'\\');
            var escaped = JsBlockMasks.Escaped(backslashes, ref escapeFirst) & valid;
            var starts = backslashes & ~escaped;
            var closer = JsBlockMasks.Equal(ref block, (byte)'u') | JsBlockMasks.Equal(ref block, (byte)'x') |
                JsBlockMasks.Equal(ref block, (byte)'\r') | JsBlockMasks.Equal(ref block, (byte)'\n') | JsBlockMasks.High(ref block);
            if (newlineEnds)
            {
                closer |= JsBlockMasks.Equal(ref block, (byte)'n');
            }

            var stops = escaped & closer;
            if (stops != 0)
            {
                // The run ends at the backslash before the first such escaped byte, which may be the last byte of the
                // block before (then counted there as an escape it does not hold).
                var at = BitOperations.TrailingZeroCount(stops);
                if (at == 0)
                {
                    escapes--;
                    return offset - 1;
                }

                escapes += BitOperations.PopCount(starts & ((1UL << (at - 1)) - 1));
                return offset + at - 1;
            }

            escapes += BitOperations.PopCount(starts);
            lastStarts = starts;
            lastOffset = offset;
        }

        // A backslash as the last byte begins an escape the text does not hold: leave it for the next look.
        if (text.Length > 0 && ((lastStarts >> (text.Length - 1 - lastOffset)) & 1) != 0)
        {
            escapes--;
            return text.Length - 1;
        }

        return text.Length;
    }
}
