using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Tests.Infrastructure;

internal static class TestOptions
{
    public const string OperatorHeader = "x-test-operator";

    public static TrustedServerOptions For(Uri origin, Func<PublisherOptions, PublisherOptions>? publisher = null, ProxyOptions? proxy = null)
    {
        var defaults = new PublisherOptions { Domain = "www.example.com", OriginUrl = origin };
        return new TrustedServerOptions
        {
            Publisher = publisher?.Invoke(defaults) ?? defaults,
            Proxy = proxy ?? new ProxyOptions(),
            ResponseHeaders = new Dictionary<string, string> { [OperatorHeader] = "on" },
            Logging = new LoggingOptions { Level = "warning" },
        };
    }
}
