using TrustedServer.Core.Delivery;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Extensibility;

/// <summary>
/// Rewrites origin response headers once the delivery mode is known and before any byte is sent: the place for
/// <c>Location</c>, <c>Content-Location</c>, <c>Refresh</c>, <c>Link</c> URL mapping and <c>Set-Cookie</c> domain mapping.
/// </summary>
public interface IResponseHeaderRewriter
{
    /// <summary>Rewrites <paramref name="response"/>'s headers in place.</summary>
    void Rewrite(HttpResponse response, DeliveryDecision decision, VisitorRequest request);
}
