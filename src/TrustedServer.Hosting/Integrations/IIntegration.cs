namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// A vendor integration: one class that declares, once at startup, what it contributes through
/// <see cref="IntegrationBuilder"/> (proxy routes under <c>/integrations/&lt;id&gt;/</c>, attribute and script-text
/// rewriters, head injectors, HTML post-processors, pre-route request filters). Built-in integrations are listed in
/// <see cref="IntegrationCatalog"/>; any registered <see cref="IIntegration"/> service is picked up the same way.
/// </summary>
public interface IIntegration
{
    /// <summary>The integration's id: its <c>[integrations.&lt;id&gt;]</c> section and its route prefix.</summary>
    string Id { get; }

    /// <summary>Declares the integration's contributions.</summary>
    void Contribute(IntegrationBuilder builder);
}
