using System.Buffers;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// Where <c>[ec] store</c> keeps identities, parsed once so that <c>config validate</c> and startup agree:
/// <c>memory</c>, a file (<c>file:///abs/path</c>, <c>file:rel/path</c> or a plain path such as
/// <c>/var/lib/ts/ids.jsonl</c>) or Redis (<c>redis://</c>, <c>rediss://</c>).
/// </summary>
/// <param name="Kind">Which store.</param>
/// <param name="Target">The full file path, or the Redis URI as written; empty for memory.</param>
public sealed record IdentityStoreLocation(IdentityStoreKind Kind, string Target)
{
    private static readonly SearchValues<char> SchemeChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>What a store value may be, for error messages.</summary>
    public const string Expected = "\"memory\", a file path (/var/lib/ts/ids.jsonl or file:///var/lib/ts/ids.jsonl) or redis://[user:password@]host[:port][/db]";

    /// <summary>The in-memory store.</summary>
    public static IdentityStoreLocation Memory { get; } = new(IdentityStoreKind.Memory, string.Empty);

    /// <summary>
    /// Parses a store value (null or blank means memory); returns what is wrong with it, or null with
    /// <paramref name="location"/> set.
    /// </summary>
    public static string? TryParse(string? value, out IdentityStoreLocation location)
    {
        location = Memory;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                return "expected redis://[user:password@]host[:port][/db]";
            }

            var db = uri.AbsolutePath.Trim('/');
            if (db.Length > 0 && !db.All(char.IsAsciiDigit))
            {
                return "the path of a redis:// URI must be a database number";
            }

            location = new IdentityStoreLocation(IdentityStoreKind.Redis, text);
            return null;
        }

        string path;
        if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile || uri.LocalPath.Length <= 1)
            {
                return "expected file:///absolute/path";
            }

            path = uri.LocalPath;
        }
        else if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = text["file:".Length..];
        }
        else if (HasScheme(text))
        {
            return $"\"{text[..text.IndexOf(':', StringComparison.Ordinal)]}:\" is not a supported store; expected {Expected}";
        }
        else
        {
            path = text;
        }

        if (path.Length == 0 || path.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0)
        {
            return "needs a file path";
        }

        try
        {
            path = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid file path";
        }

        if (Directory.Exists(path))
        {
            return $"{path} is a directory; name a file inside it, e.g. {Path.Combine(path, "ids.jsonl")}";
        }

        location = new IdentityStoreLocation(IdentityStoreKind.File, path);
        return null;
    }

    // "scheme://..." or "scheme:..." with a scheme of two or more letters (one letter is a Windows drive, C:\).
    private static bool HasScheme(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 1 && char.IsAsciiLetter(text[0]) && !text.AsSpan(0, colon).ContainsAnyExcept(SchemeChars);
    }
}
