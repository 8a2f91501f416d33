using System.Buffers;
using System.Runtime.CompilerServices;
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

    // Each attribute rewriter's tag names, lower case, or null for any tag.
    private readonly string[]?[] _rewriterTags;

    // The first letters of those names (bit per letter, any case), to turn most tags away on one byte.
    private readonly uint _tagInitials;

    /// <summary>Compiles the hooks.</summary>
    public IntegrationHtmlHooks(
        IEnumerable<IHtmlAttributeRewriter>? attributes = null,
        IEnumerable<IScriptTextRewriter>? scripts = null,
        IEnumerable<IHeadInjector>? heads = null,
        IEnumerable<IComponentStreamRewriter>? componentStreams = null)
    {
        AttributeRewriters = [.. attributes ?? []];
        ScriptRewriters = [.. scripts ?? []];
        HeadInjectors = [.. heads ?? []];
        ComponentStreamRewriter = componentStreams?.FirstOrDefault();
        string[] needles = [.. AttributeRewriters.SelectMany(r => r.Needles).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        _needles = needles.Length == 0 ? null : SearchValues.Create(needles, StringComparison.OrdinalIgnoreCase);
        var named = AttributeRewriters.Where(r => r.Needles.Count > 0).ToArray();
        _tagNames = named.Length > 0 && named.All(r => r.TagNames is not null)
            ? [.. named.SelectMany(r => r.TagNames!).Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Select(Encoding.ASCII.GetBytes)]
            : null;
        _rewriterTags = [.. AttributeRewriters.Select(r => r.TagNames is null ? null : r.TagNames.Select(n => n.ToLowerInvariant()).ToArray())];
        foreach (var name in _tagNames ?? [])
        {
            _tagInitials |= Initial(name[0]);
        }
    }

    /// <summary>No hooks at all.</summary>
    public static IntegrationHtmlHooks Empty { get; } = new();

    /// <summary>The attribute rewriters, in the order they apply.</summary>
    public IReadOnlyList<IHtmlAttributeRewriter> AttributeRewriters { get; }

    /// <summary>The script-text rewriters, in the order they apply.</summary>
    public IReadOnlyList<IScriptTextRewriter> ScriptRewriters { get; }

    /// <summary>The head injectors, in the order their markup is written.</summary>
    public IReadOnlyList<IHeadInjector> HeadInjectors { get; }

    /// <summary>The rewriter of Flight (<c>text/x-component</c>) bodies, if an integration registered one (the first wins).</summary>
    public IComponentStreamRewriter? ComponentStreamRewriter { get; }

    /// <summary>Does any attribute rewriter have needles (so tags need checking at all)?</summary>
    public bool HasNeedles => _needles is not null;

    /// <summary>Does a start tag hold a needle of any attribute rewriter (ASCII case-insensitive)?</summary>
    [SkipLocalsInit]
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

    /// <summary>Does attribute rewriter <paramref name="index"/> look at tags named <paramref name="tagName"/> (lower case)?</summary>
    internal bool RewriterTakesTag(int index, string tagName)
    {
        if (_rewriterTags[index] is not { } names)
        {
            return true;
        }

        foreach (var name in names)
        {
            if (string.Equals(name, tagName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Is the raw start tag's name one of <see cref="_tagNames"/> (ASCII case-insensitive)?</summary>
    private bool NamedTag(ReadOnlySpan<byte> rawTag)
    {
        // Every start tag comes here, and most are not wanted: look at the first letter, then compare in place at each
        // name's length, no search.
        if (rawTag.Length < 2 || (_tagInitials & Initial(rawTag[1])) == 0)
        {
            return false;
        }

        foreach (var candidate in _tagNames!)
        {
            if (rawTag.Length > candidate.Length + 1
                && Ascii.EqualsIgnoreCase(rawTag.Slice(1, candidate.Length), candidate)
                && TagNameEnd.Contains(rawTag[candidate.Length + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bit for a tag name's first byte: letters by their place in the alphabet, any case; anything else bit 31.</summary>
    private static uint Initial(byte first)
    {
        var letter = (first | 0x20) - 'a';
        return letter is >= 0 and < 26 ? 1u << letter : 1u << 31;
    }
}
