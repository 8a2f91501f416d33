using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Publisher;

/// <summary>The default factory until the publisher rewriter plugs in: every body is passed through unchanged.</summary>
public sealed class IdentityBodyTransformFactory : IBodyTransformFactory
{
    /// <inheritdoc />
    public IBodyTransform? Create(ContentKind kind, VisitorRequest request) => IdentityTransform.Instance;
}
