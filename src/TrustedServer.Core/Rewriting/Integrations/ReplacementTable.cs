using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>Literal (from, to) byte pairs for <see cref="StreamingReplacer"/>, compiled once and shared. Where two
/// patterns match at the same position, the one listed first wins.</summary>
public sealed class ReplacementTable
{
    /// <summary>Compiles the pairs; empty patterns are ignored. <paramref name="anchor"/>, when given, must occur in
    /// every pattern: text without it is passed on after one scan instead of one per pattern.</summary>
    /// <exception cref="ArgumentException">A pattern does not contain the anchor.</exception>
    public ReplacementTable(IEnumerable<(string From, string To)> replacements, string? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        Pairs = [.. replacements.Where(p => p.From.Length > 0).Select(p => (Encoding.UTF8.GetBytes(p.From), Encoding.UTF8.GetBytes(p.To)))];
        MaxPatternLength = Pairs.Length == 0 ? 0 : Pairs.Max(p => p.From.Length);
        Anchor = string.IsNullOrEmpty(anchor) ? null : Encoding.UTF8.GetBytes(anchor);
        FirstBytes = SearchValues.Create([.. Pairs.Select(p => p.From[0]).Distinct()]);
        if (Anchor is not null && Pairs.Any(p => p.From.AsSpan().IndexOf(Anchor) < 0))
        {
            throw new ArgumentException("every pattern must contain the anchor", nameof(anchor));
        }
    }

    internal byte[]? Anchor { get; }

    /// <summary>The bytes a pattern can start with: only there can a held-back tail begin.</summary>
    internal SearchValues<byte> FirstBytes { get; }

    internal (byte[] From, byte[] To)[] Pairs { get; }

    internal int MaxPatternLength { get; }

    /// <summary>A replacer for one stream.</summary>
    public StreamingReplacer CreateReplacer() => new(this);
}
