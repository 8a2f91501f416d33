namespace TrustedServer.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void The_fixtures_the_tests_read_are_inside_the_repository()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Fixtures, "html5lib-tokenizer", "LICENSE")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "html5lib-tokenizer"), "*.test"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html")));
    }
}
