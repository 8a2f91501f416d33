using TrustedServer.Hosting.Integrations;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>An integration made of whatever the test contributes.</summary>
internal sealed class TestIntegration(string id, Action<IntegrationBuilder> contribute) : IIntegration
{
    public string Id => id;

    public void Contribute(IntegrationBuilder builder) => contribute(builder);
}
