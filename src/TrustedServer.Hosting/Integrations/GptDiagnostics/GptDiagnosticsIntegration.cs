using TrustedServer.Hosting.Tsjs;

namespace TrustedServer.Hosting.Integrations.GptDiagnostics;

/// <summary>
/// The local GPT lifecycle console. <c>?ts_console=1</c> (or <c>true</c>) sets the host-only session cookie
/// <c>__Host-ts-console</c>, <c>=0</c> (or <c>false</c>) clears it; the pair is removed before the request goes on, and
/// the cookie never reaches the origin. Active HTML documents get the console's module (its own bundle) and
/// <c>Cache-Control: private, no-store</c>. The console keeps what it sees in memory and uploads nothing.
/// </summary>
internal sealed class GptDiagnosticsIntegration : IIntegration
{
    public const string IntegrationId = "gpt_diagnostics";

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRequestFilter(new ConsoleActivationFilter());
        builder.AddHeadInjector(new ConsoleHeadInjector(TsjsModuleSet.TagFor(IntegrationId)));
        builder.AddBrowserModule(BrowserModuleLoad.OnDemand);
    }
}
