namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>ASCII-case-insensitive tag-name helpers over bytes.</summary>
internal static class TagNames
{
    public static byte ToLower(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;

    public static bool IsAsciiAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\f' or (byte)'\r';

    /// <summary>Compares <paramref name="name"/> with an already lower-case name, ignoring ASCII case.</summary>
    public static bool EqualsLower(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        if (name.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (ToLower(name[i]) != lower[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The kind of a tag name. <see cref="TagKind.Breakout"/> is only reported <paramref name="inForeignContent"/>,
    /// the one place it changes anything, which keeps the check off the path of ordinary HTML tags.
    /// </summary>
    public static TagKind Classify(ReadOnlySpan<byte> name, bool inForeignContent)
    {
        var kind = name.Length switch
        {
            3 => EqualsLower(name, "xmp"u8) ? TagKind.Xmp : EqualsLower(name, "svg"u8) ? TagKind.Svg : TagKind.Other,
            4 => EqualsLower(name, "math"u8) ? TagKind.Math : TagKind.Other,
            5 => EqualsLower(name, "style"u8) ? TagKind.Style : EqualsLower(name, "title"u8) ? TagKind.Title : TagKind.Other,
            6 => EqualsLower(name, "script"u8) ? TagKind.Script : EqualsLower(name, "iframe"u8) ? TagKind.Iframe : TagKind.Other,
            7 => EqualsLower(name, "noembed"u8) ? TagKind.Noembed : TagKind.Other,
            8 => EqualsLower(name, "textarea"u8) ? TagKind.Textarea : EqualsLower(name, "noframes"u8) ? TagKind.Noframes : TagKind.Other,
            9 => EqualsLower(name, "plaintext"u8) ? TagKind.Plaintext : TagKind.Other,
            _ => TagKind.Other,
        };
        if (kind != TagKind.Other || !inForeignContent || name.Length is 0 or > 10)
        {
            return kind;
        }

        Span<byte> lower = stackalloc byte[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            lower[i] = ToLower(name[i]);
        }

        return IsBreakout(lower) ? TagKind.Breakout : TagKind.Other;
    }

    /// <summary>The lower-case name a content-model tag kind is closed by.</summary>
    public static ReadOnlySpan<byte> EndNameOf(TagKind kind) => kind switch
    {
        TagKind.Script => "script"u8,
        TagKind.Style => "style"u8,
        TagKind.Title => "title"u8,
        TagKind.Textarea => "textarea"u8,
        TagKind.Xmp => "xmp"u8,
        TagKind.Iframe => "iframe"u8,
        TagKind.Noembed => "noembed"u8,
        TagKind.Noframes => "noframes"u8,
        _ => default,
    };

    /// <summary>Elements that never have content or an end tag.</summary>
    public static bool IsVoid(ReadOnlySpan<byte> lower) => lower.Length switch
    {
        2 => lower.SequenceEqual("br"u8) || lower.SequenceEqual("hr"u8),
        3 => lower.SequenceEqual("img"u8) || lower.SequenceEqual("col"u8) || lower.SequenceEqual("wbr"u8),
        4 => lower.SequenceEqual("area"u8) || lower.SequenceEqual("base"u8) || lower.SequenceEqual("link"u8)
            || lower.SequenceEqual("meta"u8),
        5 => lower.SequenceEqual("embed"u8) || lower.SequenceEqual("input"u8) || lower.SequenceEqual("track"u8)
            || lower.SequenceEqual("param"u8) || lower.SequenceEqual("frame"u8),
        6 => lower.SequenceEqual("source"u8) || lower.SequenceEqual("keygen"u8),
        7 => lower.SequenceEqual("bgsound"u8),
        8 => lower.SequenceEqual("basefont"u8),
        _ => false,
    };

    private static bool IsBreakout(ReadOnlySpan<byte> l) => l.Length switch
    {
        1 => l[0] is (byte)'b' or (byte)'i' or (byte)'p' or (byte)'s' or (byte)'u',
        2 => l.SequenceEqual("br"u8) || l.SequenceEqual("dd"u8) || l.SequenceEqual("dl"u8) || l.SequenceEqual("dt"u8)
            || l.SequenceEqual("em"u8) || l.SequenceEqual("hr"u8) || l.SequenceEqual("li"u8) || l.SequenceEqual("ol"u8)
            || l.SequenceEqual("tt"u8) || l.SequenceEqual("ul"u8)
            || (l[0] == 'h' && l[1] is >= (byte)'1' and <= (byte)'6'),
        3 => l.SequenceEqual("big"u8) || l.SequenceEqual("div"u8) || l.SequenceEqual("img"u8) || l.SequenceEqual("pre"u8)
            || l.SequenceEqual("sub"u8) || l.SequenceEqual("sup"u8) || l.SequenceEqual("var"u8),
        4 => l.SequenceEqual("body"u8) || l.SequenceEqual("code"u8) || l.SequenceEqual("head"u8) || l.SequenceEqual("menu"u8)
            || l.SequenceEqual("meta"u8) || l.SequenceEqual("nobr"u8) || l.SequenceEqual("ruby"u8) || l.SequenceEqual("span"u8),
        5 => l.SequenceEqual("embed"u8) || l.SequenceEqual("small"u8) || l.SequenceEqual("table"u8),
        6 => l.SequenceEqual("center"u8) || l.SequenceEqual("strike"u8) || l.SequenceEqual("strong"u8),
        7 => l.SequenceEqual("listing"u8),
        10 => l.SequenceEqual("blockquote"u8),
        _ => false,
    };
}
