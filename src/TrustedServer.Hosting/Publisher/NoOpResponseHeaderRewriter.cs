using TrustedServer.Core.Delivery;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Publisher;

/// <summary>The default until URL mapping exists: headers stay as the origin sent them.</summary>
internal sealed class NoOpResponseHeaderRewriter : IResponseHeaderRewriter
{
    public void Rewrite(HttpResponse response, DeliveryDecision decision, VisitorRequest request)
    {
    }
}
