namespace TrustedServer.Benchmarks;

/// <summary>Locates the shared fixtures beside the repository root.</summary>
internal static class BenchmarkData
{
    public static byte[] NextJsArticle() =>
        File.ReadAllBytes(Path.Combine(FindShared(), "fixtures", "html", "nextjs-article.html"));

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
