namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>Header-based request classification for Edge Cookie minting: navigation and the bot gate.</summary>
public static class RequestClassifier
{
    private static readonly string[] BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "curl", "wget", "python-requests", "go-http-client", "okhttp", "java/",
        "headlesschrome", "phantomjs", "scrapy",
    ];

    /// <summary>
    /// A document navigation: <c>Sec-Fetch-Dest: document</c> (case-insensitive); without that header, an
    /// <c>Accept</c> naming <c>text/html</c> explicitly (a bare <c>*/*</c> does not count).
    /// </summary>
    public static bool IsNavigation(string? secFetchDest, string? accept)
    {
        if (!string.IsNullOrWhiteSpace(secFetchDest))
        {
            return secFetchDest.Trim().Equals("document", StringComparison.OrdinalIgnoreCase);
        }

        return accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Coarse OS family from the User-Agent: ios, android, mac, windows, linux, or null.</summary>
    public static string? PlatformClass(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        if (userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal))
        {
            return "ios";
        }

        if (userAgent.Contains("Android", StringComparison.Ordinal))
        {
            return "android";
        }

        if (userAgent.Contains("Macintosh", StringComparison.Ordinal))
        {
            return "mac";
        }

        if (userAgent.Contains("Windows NT", StringComparison.Ordinal))
        {
            return "windows";
        }

        return userAgent.Contains("Linux", StringComparison.Ordinal) ? "linux" : null;
    }

    /// <summary>JA4 section 1 (e.g. <c>t13d1516h2</c>) of a full fingerprint, or null.</summary>
    public static string? Ja4Section1(string? ja4)
    {
        if (string.IsNullOrWhiteSpace(ja4))
        {
            return null;
        }

        var first = ja4.Trim().Split('_')[0];
        return first.Length == 0 ? null : first;
    }

    /// <summary>
    /// The bot gate. With a JA4 fingerprint (from a CDN header): section 1 present and a recognised UA platform.
    /// Without one: a recognised platform, the <c>Mozilla/</c> token and no declared bot or HTTP-library marker.
    /// </summary>
    public static bool IsRealBrowser(string? userAgent, string? ja4)
    {
        var platform = PlatformClass(userAgent);
        if (!string.IsNullOrWhiteSpace(ja4))
        {
            return Ja4Section1(ja4) is not null && platform is not null;
        }

        return platform is not null && userAgent!.Contains("Mozilla/", StringComparison.Ordinal) && !HasBotMarker(userAgent);
    }

    private static bool HasBotMarker(string userAgent)
    {
        foreach (var marker in BotMarkers)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
