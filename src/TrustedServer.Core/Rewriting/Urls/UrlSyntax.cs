using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>Byte-level matching of separators, schemes and authorities, each decision taking a final flag.</summary>
internal static class UrlSyntax
{
    /// <summary>Bytes of lookback for <c>https:</c> before the separator.</summary>
    public const int SchemeLookback = 6;

    /// <summary>The first byte of every mapped form except the bare one.</summary>
    public static readonly SearchValues<byte> Triggers = SearchValues.Create("/\\"u8);

    /// <summary>Bytes that end an authority: path, query, fragment, escape, quotes, whitespace and delimiters.</summary>
    public static readonly SearchValues<byte> Boundaries = SearchValues.Create("/?#\\\"'` \t\n\r\f),;<>"u8);

    public static ReadOnlySpan<byte> Separator => "//"u8;

    public static ReadOnlySpan<byte> EscapedSeparator => "\\/\\/"u8;

    /// <summary>
    /// Length of the <c>https:</c> or <c>http:</c> scheme just before position <paramref name="p"/> (0 when there is
    /// none), or -1 when another scheme precedes it (<c>ftp://</c> is not ours). Bytes before
    /// <paramref name="floor"/> belong to an earlier match and are not looked at.
    /// </summary>
    public static int SchemeBefore(ReadOnlySpan<byte> buffer, int p, int floor)
    {
        if (p - 1 < floor || buffer[p - 1] != (byte)':')
        {
            return 0;
        }

        // "http" in any case, read as one word: OR-ing 0x20 lower-cases letters and turns no other byte into one.
        if (p - 6 >= floor && (buffer[p - 2] | 0x20) == 's' && IsHttp(buffer.Slice(p - 6, 4)))
        {
            return 6;
        }

        return p - 5 >= floor && IsHttp(buffer.Slice(p - 5, 4)) ? 5 : -1;
    }

    private static bool IsHttp(ReadOnlySpan<byte> four) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(four) | 0x20202020u) == 0x70747468u;

    /// <summary>Matches the authority of <paramref name="pattern"/> at <paramref name="a"/>, with its port rule and end byte.</summary>
    public static MatchOutcome MatchAuthority(ReadOnlySpan<byte> buffer, int a, HostPattern pattern, bool final, out int end)
    {
        end = 0;
        var outcome = MatchIgnoreCase(buffer, a, pattern.Host, final, out var q);
        if (outcome != MatchOutcome.Match)
        {
            return outcome;
        }

        if (pattern.PortSuffix is { } portSuffix)
        {
            outcome = MatchExact(buffer, q, portSuffix, final, out q);
            return outcome == MatchOutcome.Match ? EndsAuthority(buffer, q, final, out end) : outcome;
        }

        if (q == buffer.Length || Boundaries.Contains(buffer[q]))
        {
            return EndsAuthority(buffer, q, final, out end);
        }

        if (buffer[q] != (byte)':')
        {
            return MatchOutcome.NoMatch;
        }

        if (q + 1 == buffer.Length)
        {
            return final ? MatchOutcome.NoMatch : MatchOutcome.NeedMore;
        }

        var defaultPort = buffer[q + 1] switch
        {
            (byte)'8' => ":80"u8,
            (byte)'4' => ":443"u8,
            _ => default,
        };
        if (defaultPort.IsEmpty)
        {
            return MatchOutcome.NoMatch;
        }

        outcome = MatchExact(buffer, q, defaultPort, final, out q);
        return outcome == MatchOutcome.Match ? EndsAuthority(buffer, q, final, out end) : outcome;
    }

    /// <summary>Matches <paramref name="literal"/> at <paramref name="position"/> byte for byte.</summary>
    public static MatchOutcome MatchExact(ReadOnlySpan<byte> buffer, int position, ReadOnlySpan<byte> literal, bool final, out int end)
    {
        end = position + literal.Length;
        var available = Math.Min(buffer.Length - position, literal.Length);
        if (!buffer.Slice(position, available).SequenceEqual(literal[..available]))
        {
            return MatchOutcome.NoMatch;
        }

        return available == literal.Length ? MatchOutcome.Match : final ? MatchOutcome.NoMatch : MatchOutcome.NeedMore;
    }

    /// <summary>Matches lower-case ASCII <paramref name="literal"/> at <paramref name="position"/> ignoring case.</summary>
    public static MatchOutcome MatchIgnoreCase(ReadOnlySpan<byte> buffer, int position, ReadOnlySpan<byte> literal, bool final, out int end)
    {
        end = position + literal.Length;
        var available = Math.Min(buffer.Length - position, literal.Length);

        // Most candidates differ at once; checking the first byte saves the call.
        if (available > 0 && buffer[position] != literal[0] && (buffer[position] | 0x20) != literal[0])
        {
            return MatchOutcome.NoMatch;
        }

        if (!Ascii.EqualsIgnoreCase(buffer.Slice(position, available), literal[..available]))
        {
            return MatchOutcome.NoMatch;
        }

        return available == literal.Length ? MatchOutcome.Match : final ? MatchOutcome.NoMatch : MatchOutcome.NeedMore;
    }

    private static MatchOutcome EndsAuthority(ReadOnlySpan<byte> buffer, int q, bool final, out int end)
    {
        end = q;
        if (q == buffer.Length)
        {
            return final ? MatchOutcome.Match : MatchOutcome.NeedMore;
        }

        return Boundaries.Contains(buffer[q]) ? MatchOutcome.Match : MatchOutcome.NoMatch;
    }
}
