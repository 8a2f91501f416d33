using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// The integrations' contributions to publisher HTML, compiled once: attribute rewriters, script-text rewriters and
/// head injectors, each in registration order (which is the order they apply in).
/// </summary>
public sealed class IntegrationHtmlHooks
{
    private static readonly SearchValues<byte> TagNameEnd = SearchValues.Create(" \t\n\f\r/>"u8);

    private readonly SearchValues<string>? _needles;

    // Null when some rewriter looks at any tag; otherwise the only tag names worth searching for needles.
    private readonly byte[][]? _tagNames;

    /// <summary>Compiles the hooks.</summary>
    public IntegrationHtmlHooks(IEnumerable<IHtmlAttributeRewriter>? attributes = null, IEnumerable<IScriptTextRewriter>? scripts = null, IEnumerable<IHeadInjector>? heads = null)
    {
        AttributeRewriters = [.. attributes ?? []];
        ScriptRewriters = [.. scripts ?? []];
        HeadInjectors = [.. heads ?? []];
        string[] needles = [.. AttributeRewriters.SelectMany(r => r.Needles).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        _needles = needles.Length == 0 ? null : SearchValues.Create(needles, StringComparison.OrdinalIgnoreCase);
        var named = AttributeRewriters.Where(r => r.Needles.Count > 0).ToArray();
        _tagNames = named.Length > 0 && named.All(r => r.TagNames is not null)
            ? [.. named.SelectMany(r => r.TagNames!).Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Select(Encoding.ASCII.GetBytes)]
            : null;
    }

    /// <summary>No hooks at all.</summary>
    public static IntegrationHtmlHooks Empty { get; } = new();

    /// <summary>The attribute rewriters, in the order they apply.</summary>
    public IReadOnlyList<IHtmlAttributeRewriter> AttributeRewriters { get; }

    /// <summary>The script-text rewriters, in the order they apply.</summary>
    public IReadOnlyList<IScriptTextRewriter> ScriptRewriters { get; }

    /// <summary>The head injectors, in the order their markup is written.</summary>
    public IReadOnlyList<IHeadInjector> HeadInjectors { get; }

    /// <summary>Does any attribute rewriter have needles (so tags need checking at all)?</summary>
    public bool HasNeedles => _needles is not null;

    /// <summary>Does a start tag hold a needle of any attribute rewriter (ASCII case-insensitive)?</summary>
    public bool WantsTag(ReadOnlySpan<byte> rawTag)
    {
        if (_needles is null || (_tagNames is not null && !NamedTag(rawTag)))
        {
            return false;
        }

        // The vectorised multi-string search works on chars: widening a tag's bytes (Latin-1 keeps every byte as one
        // char, and the needles are ASCII) costs far less than one byte scan per needle.
        char[]? rented = null;
        var chars = rawTag.Length <= 2048 ? stackalloc char[rawTag.Length] : (rented = ArrayPool<char>.Shared.Rent(rawTag.Length)).AsSpan(0, rawTag.Length);
        try
        {
            Encoding.Latin1.GetChars(rawTag, chars);
            return chars.ContainsAny(_needles);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Is the raw start tag's name one of <see cref="_tagNames"/> (ASCII case-insensitive)?</summary>
    private bool NamedTag(ReadOnlySpan<byte> rawTag)
    {
        var name = rawTag.Length > 1 ? rawTag[1..] : [];
        var end = name.IndexOfAny(TagNameEnd);
        name = end < 0 ? name : name[..end];
        foreach (var candidate in _tagNames!)
        {
            if (Ascii.EqualsIgnoreCase(name, candidate))
            {
                return true;
            }
        }

        return false;
    }
}
