using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Publisher;

/// <summary>Builds the per-request URL mapper and the once-per-configuration rewriter.</summary>
internal static class PublisherMapping
{
    /// <summary>Compiles the rewriter from <c>[publisher] origin_url</c> and <c>[rewrite] hosts</c>; the head gets
    /// <paramref name="scriptTags"/> (by default the core bundle's tag alone).</summary>
    public static PublisherRewriter CreateRewriter(TrustedServerOptions options, IEnumerable<IPublisherHtmlIntegration> integrations, IntegrationHtmlHooks? hooks = null, string? scriptTags = null) =>
        new(UrlMapperSettings.Create(options.Publisher.OriginUrl.AbsoluteUri, options.Rewrite.HostMappings), integrations, scriptTags ?? Tsjs.TsjsBundles.ScriptTag, hooks);

    /// <summary>
    /// The mapper for <paramref name="request"/>. A request without a usable <c>Host</c> (HTTP/1.0) maps to the
    /// publisher's domain instead.
    /// </summary>
    public static UrlMapper MapperFor(PublisherRewriter rewriter, TrustedServerOptions options, VisitorRequest request)
    {
        try
        {
            return rewriter.CreateMapper(request.Scheme, request.Host);
        }
        catch (ArgumentException)
        {
            return rewriter.CreateMapper(request.Scheme, options.Publisher.Domain);
        }
    }
}
