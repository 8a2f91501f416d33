namespace TrustedServer.Benchmarks;

/// <summary>Locates the shared fixtures beside the repository root.</summary>
internal static class BenchmarkData
{
    public static byte[] NextJsArticle() =>
        File.ReadAllBytes(Path.Combine(FindShared(), "fixtures", "html", "nextjs-article.html"));

    /// <summary>
    /// The article with its inline Flight made valid: the page's host was replaced without writing three text rows'
    /// lengths again (tests/fixtures/README.md), so the rows are given the lengths of the text they hold. A Flight
    /// rewriter then reads the whole payload as it would on a page Next.js served, instead of letting the rest pass
    /// from the first stale row.
    /// </summary>
    public static byte[] NextJsArticleWithValidFlight()
    {
        var page = System.Text.Encoding.UTF8.GetString(NextJsArticle());
        foreach (var (stale, actual) in new[] { ("1c:T1bf8,", "1c:T1d16,"), ("13c:T3601,", "13c:T364b,"), ("13d:T584,", "13d:T5a4,") })
        {
            if (page.IndexOf(stale, StringComparison.Ordinal) is var at && (at < 0 || page.IndexOf(stale, at + 1, StringComparison.Ordinal) >= 0))
            {
                throw new InvalidOperationException($"the article's text row header {stale} is not there exactly once");
            }

            page = page.Replace(stale, actual, StringComparison.Ordinal);
        }

        return System.Text.Encoding.UTF8.GetBytes(page);
    }

    /// <summary>The load benchmark's 2 KB page: 24 origin links in paragraphs.</summary>
    public static byte[] SmallPage()
    {
        var paragraph = "<p><a href=\"https://www.test-publisher.com/x\">link</a> text text text</p>\n";
        var page = "<!doctype html><html><head><title>small</title></head><body>" + string.Concat(Enumerable.Repeat(paragraph, 24));
        return System.Text.Encoding.ASCII.GetBytes(page[..Math.Min(page.Length, 2000)] + "</body></html>\n");
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared");
            }
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found");
    }
}
