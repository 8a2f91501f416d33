using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Delivery;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>Leaves headers as the origin sent them, for tests of the delivery modes without rewriting.</summary>
internal sealed class NoOpResponseHeaderRewriter : IResponseHeaderRewriter
{
    public void Rewrite(HttpResponse response, DeliveryDecision decision, VisitorRequest request)
    {
    }
}
