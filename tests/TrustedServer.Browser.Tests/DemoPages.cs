namespace TrustedServer.Browser.Tests;

/// <summary>The demo site's pages, with the status each should end on (after redirects).</summary>
public static class DemoPages
{
    public static TheoryData<string, int> All { get; } = new()
    {
        { "/", 200 },
        { "/about", 200 },
        { "/articles/streaming", 200 },
        { "/old-about", 200 },
        { "/missing", 404 },
    };

    /// <summary>A file-name-safe label for a page path.</summary>
    public static string Slug(string path) => path == "/" ? "home" : path.Trim('/').Replace('/', '-');
}
