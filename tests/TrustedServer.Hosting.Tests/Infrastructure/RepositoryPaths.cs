namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>Locates the repository root (the folder holding TrustedServer.slnx) and its test fixtures.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    /// <summary>tests/fixtures: inputs the tests read, kept in the repository so a clone runs on its own.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found above " + AppContext.BaseDirectory);
    }
}
