using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class ConnectionListedHeadersTests
{
    private static string Listed(string value)
    {
        var names = new List<string>();
        foreach (var name in new ConnectionListedHeaders(value))
        {
            names.Add(name.ToString());
        }

        return string.Join("|", names);
    }

    [Theory]
    [InlineData("X-Foo", "X-Foo")]
    [InlineData(" X-Foo ,, X-Bar ", "X-Foo|X-Bar")]
    [InlineData("close, X-Foo", "X-Foo")]
    [InlineData("Keep-Alive, Upgrade", "Upgrade")]
    [InlineData("Host, X-Foo", "X-Foo")]
    [InlineData("CLOSE", "")]
    [InlineData("", "")]
    public void Header_names_listed_in_Connection_are_found_except_connection_options_and_Host(string value, string expected) =>
        Assert.Equal(expected, Listed(value));
}
