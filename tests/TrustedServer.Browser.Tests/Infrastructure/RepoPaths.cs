namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder holding TrustedServer.slnx), wherever the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>Where screenshots are kept as test artifacts; TestResults/ is ignored by git.</summary>
    public static string Screenshots { get; } = Path.Combine(Root, "TestResults", "screenshots");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found above " + AppContext.BaseDirectory);
    }
}
