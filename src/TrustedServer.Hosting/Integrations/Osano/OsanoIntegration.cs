namespace TrustedServer.Hosting.Integrations.Osano;

/// <summary>
/// The Osano consent mirror: a browser module, appended to the unified bundle, that writes what Osano's IAB APIs
/// report (<c>__uspapi</c>, <c>__gpp</c>, <c>__tcfapi</c>) into the <c>us_privacy</c>, <c>__gpp</c>, <c>__gpp_sid</c>
/// and <c>euconsent-v2</c> cookies. The server side is the consent pipeline as it is: it reads those cookies on the
/// next request. No routes.
/// </summary>
internal sealed class OsanoIntegration : IIntegration
{
    public const string IntegrationId = "osano";

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrowserModule(BrowserModuleLoad.Immediate);
    }
}
