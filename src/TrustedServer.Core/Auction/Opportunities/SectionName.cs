using System.Text;

namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// <c>{section}</c>: the raw (not percent-decoded) non-empty path segment at <c>section_segment</c>, each run of
/// characters outside <c>[A-Za-z0-9_-]</c> turned into one <c>_</c>, capped at 100 bytes; null when there is no such
/// segment (the caller uses <c>section_root</c>).
/// </summary>
public static class SectionName
{
    /// <summary>The most bytes a section taken from the path may have.</summary>
    public const int MaxBytes = 100;

    /// <summary>The section of <paramref name="rawPath"/>, or null.</summary>
    public static string? From(ReadOnlySpan<char> rawPath, int segment)
    {
        var index = 0;
        foreach (var range in rawPath.Split('/'))
        {
            var part = rawPath[range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (index++ == segment)
            {
                return Sanitize(part);
            }
        }

        return null;
    }

    /// <summary>Replaces each run of characters outside <c>[A-Za-z0-9_-]</c> with one <c>_</c>, and caps at <see cref="MaxBytes"/>.</summary>
    public static string Sanitize(ReadOnlySpan<char> text)
    {
        var result = new StringBuilder(Math.Min(text.Length, MaxBytes));
        var inRun = false;
        foreach (var c in text)
        {
            if (result.Length == MaxBytes)
            {
                break;
            }

            if (IsAllowed(c))
            {
                result.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                result.Append('_');
                inRun = true;
            }
        }

        return result.ToString();
    }

    /// <summary>Is <paramref name="c"/> kept as it is?</summary>
    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
