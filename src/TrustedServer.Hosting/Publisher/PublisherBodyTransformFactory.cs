using TrustedServer.Core.Configuration;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Observability;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// The publisher's rewriting: HTML through the HTML rewriter with the publisher handler set, CSS, JavaScript, JSON,
/// XML and text through the streaming URL mapper. The handler set is compiled once; per response only the mapper
/// bound to the request's scheme and host is built.
/// </summary>
public sealed class PublisherBodyTransformFactory(PublisherRewriter rewriter, TrustedServerOptions options, TrustedServerMetrics metrics) : IBodyTransformFactory
{
    /// <inheritdoc />
    public IBodyTransform? Create(ContentKind kind, VisitorRequest request) => Create(kind, request, null);

    /// <summary>As <see cref="Create(ContentKind, VisitorRequest)"/>, with a page's own head and body-end markup.</summary>
    public IBodyTransform? Create(ContentKind kind, VisitorRequest request, PageInserts? inserts)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mapper = PublisherMapping.MapperFor(rewriter, options, request);
        if (RequestDiagnostics.Current is { WantsDetails: true })
        {
            mapper.KeepSamples(RequestDiagnostics.MappedUrlSamples);
        }

        var transform = rewriter.Create(kind, mapper, inserts);
        return transform is null ? null : new MeteredBodyTransform(transform, mapper, metrics);
    }
}
