using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>A factory whose transform changes nothing, for tests of the delivery modes without rewriting.</summary>
internal sealed class PassThroughTransformFactory : IBodyTransformFactory
{
    /// <inheritdoc />
    public IBodyTransform? Create(ContentKind kind, VisitorRequest request) => PassThroughTransform.Instance;
}
