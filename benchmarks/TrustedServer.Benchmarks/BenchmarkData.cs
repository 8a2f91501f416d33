namespace TrustedServer.Benchmarks;

/// <summary>Locates the shared fixtures beside the repository root.</summary>
internal static class BenchmarkData
{
    public static byte[] NextJsArticle() =>
        File.ReadAllBytes(Path.Combine(FindShared(), "fixtures", "html", "nextjs-article.html"));

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
