using System.Text;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>Literal (from, to) byte pairs for <see cref="StreamingReplacer"/>, compiled once and shared. Where two
/// patterns match at the same position, the one listed first wins.</summary>
public sealed class ReplacementTable
{
    /// <summary>Compiles the pairs; empty patterns are ignored.</summary>
    public ReplacementTable(IEnumerable<(string From, string To)> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        Pairs = [.. replacements.Where(p => p.From.Length > 0).Select(p => (Encoding.UTF8.GetBytes(p.From), Encoding.UTF8.GetBytes(p.To)))];
        MaxPatternLength = Pairs.Length == 0 ? 0 : Pairs.Max(p => p.From.Length);
    }

    internal (byte[] From, byte[] To)[] Pairs { get; }

    internal int MaxPatternLength { get; }

    /// <summary>A replacer for one stream.</summary>
    public StreamingReplacer CreateReplacer() => new(this);
}
