using System.Text;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// The integrations' contributions to publisher HTML, compiled once: attribute rewriters, script-text rewriters and
/// head injectors, each in registration order (which is the order they apply in).
/// </summary>
public sealed class IntegrationHtmlHooks
{
    private readonly byte[][] _needles;

    /// <summary>Compiles the hooks.</summary>
    public IntegrationHtmlHooks(IEnumerable<IHtmlAttributeRewriter>? attributes = null, IEnumerable<IScriptTextRewriter>? scripts = null, IEnumerable<IHeadInjector>? heads = null)
    {
        AttributeRewriters = [.. attributes ?? []];
        ScriptRewriters = [.. scripts ?? []];
        HeadInjectors = [.. heads ?? []];
        _needles = [.. AttributeRewriters.SelectMany(r => r.Needles).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(n => Encoding.ASCII.GetBytes(n.ToLowerInvariant()))];
    }

    /// <summary>No hooks at all.</summary>
    public static IntegrationHtmlHooks Empty { get; } = new();

    /// <summary>The attribute rewriters, in the order they apply.</summary>
    public IReadOnlyList<IHtmlAttributeRewriter> AttributeRewriters { get; }

    /// <summary>The script-text rewriters, in the order they apply.</summary>
    public IReadOnlyList<IScriptTextRewriter> ScriptRewriters { get; }

    /// <summary>The head injectors, in the order their markup is written.</summary>
    public IReadOnlyList<IHeadInjector> HeadInjectors { get; }

    /// <summary>Does a start tag hold a needle of any attribute rewriter (ASCII case-insensitive)?</summary>
    public bool WantsTag(ReadOnlySpan<byte> rawTag)
    {
        foreach (var needle in _needles)
        {
            if (ContainsIgnoreCase(rawTag, needle))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, byte[] lowerNeedle)
    {
        var first = lowerNeedle[0];
        var upper = first is >= (byte)'a' and <= (byte)'z' ? (byte)(first - 0x20) : first;
        var offset = 0;
        while (haystack.Length - offset >= lowerNeedle.Length)
        {
            var at = haystack[offset..].IndexOfAny(first, upper);
            if (at < 0 || haystack.Length - offset - at < lowerNeedle.Length)
            {
                return false;
            }

            var start = offset + at;
            var match = true;
            for (var i = 1; i < lowerNeedle.Length; i++)
            {
                var b = haystack[start + i];
                if ((b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b) != lowerNeedle[i])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }
}
