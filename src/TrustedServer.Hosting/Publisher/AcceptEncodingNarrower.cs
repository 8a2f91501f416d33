namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Narrows a client's <c>Accept-Encoding</c> to the codings the proxy can decode (gzip, deflate, br), keeping the
/// client's order and q-values; <c>identity</c> when nothing remains.
/// </summary>
internal static class AcceptEncodingNarrower
{
    private static readonly string[] Supported = ["gzip", "deflate", "br"];

    /// <summary>The narrowed value, or null when the client sent none (then none is sent upstream).</summary>
    public static string? Narrow(string? acceptEncoding)
    {
        if (acceptEncoding is null)
        {
            return null;
        }

        var kept = new List<string>();
        string? wildcard = null;
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in acceptEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var semicolon = item.IndexOf(';', StringComparison.Ordinal);
            var coding = (semicolon >= 0 ? item[..semicolon] : item).Trim();
            named.Add(coding);
            if (coding == "*")
            {
                wildcard = item;
                continue;
            }

            if (Array.Exists(Supported, s => s.Equals(coding, StringComparison.OrdinalIgnoreCase)))
            {
                kept.Add(item.Replace(" ", string.Empty, StringComparison.Ordinal));
            }
        }

        // "*" stands for every coding not named; expand it to the supported ones it covers, with its q-value.
        if (wildcard is not null)
        {
            var semicolon = wildcard.IndexOf(';', StringComparison.Ordinal);
            var parameters = semicolon >= 0 ? wildcard[semicolon..].Replace(" ", string.Empty, StringComparison.Ordinal) : string.Empty;
            foreach (var coding in Supported)
            {
                if (!named.Contains(coding))
                {
                    kept.Add(coding + parameters);
                }
            }
        }

        return kept.Exists(IsAcceptable) ? string.Join(", ", kept) : "identity";
    }

    private static bool IsAcceptable(string item)
    {
        var q = item.IndexOf(";q=", StringComparison.OrdinalIgnoreCase);
        if (q < 0)
        {
            return true;
        }

        return !double.TryParse(item[(q + 3)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value > 0;
    }
}
