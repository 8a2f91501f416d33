namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>Lookup of HTML named character references (the table is generated from the html5lib suite).</summary>
internal static partial class NamedCharacterReferences
{
    /// <summary>The longest name with or without its semicolon.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Number of names in the table (names with and without the semicolon count separately).</summary>
    public static int Count => Table.Length;

    /// <summary>All names and expansions, for the table test.</summary>
    public static IEnumerable<(string Name, string Value)> All => Table;

    /// <summary>Finds the expansion of exactly <paramref name="name"/> (ASCII bytes, no ampersand).</summary>
    public static string? Find(ReadOnlySpan<byte> name)
    {
        int lo = 0, hi = Table.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = Compare(name, Table[mid].Name);
            if (c == 0)
            {
                return Table[mid].Value;
            }

            if (c < 0)
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return null;
    }

    private static int Compare(ReadOnlySpan<byte> a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var d = a[i] - b[i];
            if (d != 0)
            {
                return d;
            }
        }

        return a.Length - b.Length;
    }
}
