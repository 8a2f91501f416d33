namespace TrustedServer.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Shared_folder_is_reachable() => Assert.True(Directory.Exists(SharedPaths.Root));
}
