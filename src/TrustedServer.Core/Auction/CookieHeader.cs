using System.Text;

namespace TrustedServer.Core.Auction;

/// <summary>Removes cookies by name from a request's <c>Cookie</c> header, keeping every other pair as it was sent.</summary>
public static class CookieHeader
{
    /// <summary>The header without the cookies named in <paramref name="names"/> (case-sensitive), or null when none is left.</summary>
    public static string? Without(string? header, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var text = header.AsSpan();
        var result = new StringBuilder(header.Length);
        foreach (var range in text.Split(';'))
        {
            var pair = text[range].Trim();
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = (equals < 0 ? pair : pair[..equals]).Trim();
            if (IsListed(name, names))
            {
                continue;
            }

            if (result.Length > 0)
            {
                result.Append("; ");
            }

            result.Append(pair);
        }

        return result.Length == 0 ? null : result.ToString();
    }

    private static bool IsListed(ReadOnlySpan<char> name, IReadOnlyCollection<string> names)
    {
        foreach (var candidate in names)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
