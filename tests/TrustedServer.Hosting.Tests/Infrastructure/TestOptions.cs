using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Tests.Infrastructure;

internal static class TestOptions
{
    public const string OperatorHeader = "x-test-operator";

    /// <summary>The <c>[server] metrics_token</c> every test server gets, so tests can scrape <c>/_ts/metrics</c>.</summary>
    public const string MetricsToken = "tests-scrape-9f3Kq2LmZx7Wv";

    public static TrustedServerOptions For(Uri origin, Func<PublisherOptions, PublisherOptions>? publisher = null, ProxyOptions? proxy = null)
    {
        var defaults = new PublisherOptions { Domain = "www.example.com", OriginUrl = origin };
        return new TrustedServerOptions
        {
            Server = new ServerOptions { MetricsToken = MetricsToken },
            Publisher = publisher?.Invoke(defaults) ?? defaults,
            Proxy = proxy ?? new ProxyOptions(),
            ResponseHeaders = new Dictionary<string, string> { [OperatorHeader] = "on" },
            Logging = new LoggingOptions { Level = "warning" },
        };
    }
}
