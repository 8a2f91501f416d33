namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>Every browser test shares one <see cref="BrowserFixture"/> and runs one at a time on it.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
