using System.Text;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>The attributes whose whole value is a URL (or URL list), where a bare origin host at the start is mapped.</summary>
internal static class UrlAttributes
{
    public static bool IsUrlBearing(ReadOnlySpan<byte> name, bool isMeta) => name.Length switch
    {
        3 => Ascii.EqualsIgnoreCase(name, "src"u8),
        4 => Ascii.EqualsIgnoreCase(name, "href"u8) || Ascii.EqualsIgnoreCase(name, "data"u8) || Ascii.EqualsIgnoreCase(name, "cite"u8) || Ascii.EqualsIgnoreCase(name, "ping"u8),
        6 => Ascii.EqualsIgnoreCase(name, "srcset"u8) || Ascii.EqualsIgnoreCase(name, "action"u8) || Ascii.EqualsIgnoreCase(name, "poster"u8),
        7 => isMeta && Ascii.EqualsIgnoreCase(name, "content"u8),
        8 => Ascii.EqualsIgnoreCase(name, "manifest"u8),
        10 => Ascii.EqualsIgnoreCase(name, "formaction"u8) || Ascii.EqualsIgnoreCase(name, "background"u8),
        11 => Ascii.EqualsIgnoreCase(name, "imagesrcset"u8),
        _ => false,
    };
}
