namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>Locates ../shared beside the repository root, wherever the tests run from.</summary>
internal static class SharedPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found above " + AppContext.BaseDirectory);
    }
}
