using System.Diagnostics.CodeAnalysis;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Google's Additional Consent (AC) string: consent for ad technology providers that are not on the IAB's vendor list.
/// Version 1 is <c>1~</c> and the consented provider ids joined by dots (<c>1~1.35.41</c>); version 2 adds the
/// disclosed-but-not-consented ids after <c>~dv.</c> (<c>2~1.35~dv.9.21</c>).
/// </summary>
/// <param name="Version">The specification version (1 or 2).</param>
/// <param name="ConsentedProviders">The providers the visitor consented to, in the string's order.</param>
/// <param name="DisclosedProviders">Version 2: the providers disclosed to the visitor without consent.</param>
public sealed record AdditionalConsent(int Version, IReadOnlyList<int> ConsentedProviders, IReadOnlyList<int> DisclosedProviders)
{
    /// <summary>The longest AC string accepted (a CMP lists at most a few thousand providers).</summary>
    public const int MaxLength = 16 * 1024;

    private const string DisclosedPrefix = "dv.";

    /// <summary>Parses an AC string of version 1 or 2.</summary>
    public static bool TryParse(ReadOnlySpan<char> input, [NotNullWhen(true)] out AdditionalConsent? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (input.IsEmpty || input.Length > MaxLength)
        {
            error = input.IsEmpty ? "empty AC string" : "AC string longer than " + MaxLength + " characters";
            return false;
        }

        var first = input.IndexOf('~');
        if (first < 0)
        {
            error = "AC string has no '~' after its version";
            return false;
        }

        var version = input[..first];
        var rest = input[(first + 1)..];
        if (version.SequenceEqual("1"))
        {
            if (rest.Contains('~'))
            {
                error = "version 1 AC string has more than two parts";
                return false;
            }

            if (!TryIds(rest, out var consented, out error))
            {
                return false;
            }

            value = new AdditionalConsent(1, consented, []);
            return true;
        }

        if (version.SequenceEqual("2"))
        {
            var second = rest.IndexOf('~');
            if (second < 0 || !rest[(second + 1)..].StartsWith(DisclosedPrefix, StringComparison.Ordinal))
            {
                error = "version 2 AC string needs a '~dv.' part";
                return false;
            }

            if (!TryIds(rest[..second], out var consented, out error)
                || !TryIds(rest[(second + 1 + DisclosedPrefix.Length)..], out var disclosed, out error))
            {
                return false;
            }

            value = new AdditionalConsent(2, consented, disclosed);
            return true;
        }

        error = "unsupported AC string version";
        return false;
    }

    /// <summary>Dot-separated positive provider ids; an empty list is valid (no provider).</summary>
    private static bool TryIds(ReadOnlySpan<char> text, out IReadOnlyList<int> ids, [NotNullWhen(false)] out string? error)
    {
        var list = new List<int>();
        ids = list;
        error = null;
        if (text.IsEmpty)
        {
            return true;
        }

        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            var id = 0;
            if (part.IsEmpty || part.Length > 9)
            {
                error = "AC provider id must be 1 to 9 digits";
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    error = "AC provider id must be 1 to 9 digits";
                    return false;
                }

                id = (id * 10) + (c - '0');
            }

            if (id == 0)
            {
                error = "AC provider id must be positive";
                return false;
            }

            list.Add(id);
        }

        return true;
    }
}
