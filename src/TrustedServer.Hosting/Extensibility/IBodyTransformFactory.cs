using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Extensibility;

/// <summary>
/// Creates the body transform for one proxied response (URL mapping, script injection). Called once per
/// rewritable response, in Stream and Buffered modes alike; the transform instance serves that response only.
/// </summary>
public interface IBodyTransformFactory
{
    /// <summary>A transform for a body of <paramref name="kind"/>, or null to send the decoded bytes unchanged.</summary>
    IBodyTransform? Create(ContentKind kind, VisitorRequest request);
}
