namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>The attributes whose whole value is a URL (or URL list), where a bare origin host at the start is mapped.</summary>
internal static class UrlAttributes
{
    public static bool IsUrlBearing(ReadOnlySpan<byte> name, bool isMeta) => name.Length switch
    {
        3 => Is(name, "src"u8),
        4 => Is(name, "href"u8) || Is(name, "data"u8) || Is(name, "cite"u8) || Is(name, "ping"u8),
        6 => Is(name, "srcset"u8) || Is(name, "action"u8) || Is(name, "poster"u8),
        7 => isMeta && Is(name, "content"u8),
        8 => Is(name, "manifest"u8),
        10 => Is(name, "formaction"u8) || Is(name, "background"u8),
        11 => Is(name, "imagesrcset"u8),
        _ => false,
    };

    /// <summary>Equal to a lower-case, letters-only name in any ASCII case. OR-ing 0x20 lower-cases a letter and makes
    /// no other byte a letter; a plain loop beats a vectorised comparison on names this short.</summary>
    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerLetters)
    {
        for (var i = 0; i < lowerLetters.Length; i++)
        {
            if ((name[i] | 0x20) != lowerLetters[i])
            {
                return false;
            }
        }

        return true;
    }
}
