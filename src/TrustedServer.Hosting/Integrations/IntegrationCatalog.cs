using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Integrations.Aps;
using TrustedServer.Hosting.Integrations.DataDome;
using TrustedServer.Hosting.Integrations.Didomi;
using TrustedServer.Hosting.Integrations.GoogleTagManager;
using TrustedServer.Hosting.Integrations.Gpt;
using TrustedServer.Hosting.Integrations.GptDiagnostics;
using TrustedServer.Hosting.Integrations.Lockr;
using TrustedServer.Hosting.Integrations.NextJs;
using TrustedServer.Hosting.Integrations.Osano;
using TrustedServer.Hosting.Integrations.Permutive;
using TrustedServer.Hosting.Integrations.Prebid;
using TrustedServer.Hosting.Integrations.Sourcepoint;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// The one registration point of the built-in integrations: a new one is a folder under <c>Integrations/</c> with its
/// <see cref="IIntegration"/> class, its options in <c>Core/Configuration</c>, and one line here. The order of this
/// list is the order their rewriters apply in.
/// </summary>
public static class IntegrationCatalog
{
    private static readonly Entry[] Entries =
    [
        new(PrebidIntegration.IntegrationId, o => PrebidIntegration.IsActive(o), o => new PrebidIntegration(o)),
        new(GptIntegration.IntegrationId, o => o.Integrations.Gpt.Enabled, o => new GptIntegration(o.Integrations.Gpt)),
        new(GoogleTagManagerIntegration.IntegrationId, o => o.Integrations.GoogleTagManager.Enabled, o => new GoogleTagManagerIntegration(o.Integrations.GoogleTagManager)),
        new(DidomiIntegration.IntegrationId, o => o.Integrations.Didomi.Enabled, o => new DidomiIntegration(o.Integrations.Didomi)),
        new(SourcepointIntegration.IntegrationId, o => o.Integrations.Sourcepoint.Enabled, o => new SourcepointIntegration(o.Integrations.Sourcepoint)),
        new(OsanoIntegration.IntegrationId, o => o.Integrations.Osano.Enabled, _ => new OsanoIntegration()),
        new(GptDiagnosticsIntegration.IntegrationId, o => o.Integrations.GptDiagnostics.Enabled, _ => new GptDiagnosticsIntegration()),
        new(ApsIntegration.IntegrationId, o => o.Auction.Aps.Enabled, o => new ApsIntegration(o.Auction.Aps)),
        new(NextJsIntegration.IntegrationId, o => o.Integrations.NextJs.Enabled, o => new NextJsIntegration(o.Integrations.NextJs)),
        new(PermutiveIntegration.IntegrationId, o => o.Integrations.Permutive.Enabled, o => new PermutiveIntegration(o.Integrations.Permutive)),
        new(LockrIntegration.IntegrationId, o => o.Integrations.Lockr.Enabled, o => new LockrIntegration(o.Integrations.Lockr)),
        new(DataDomeIntegration.IntegrationId, o => o.Integrations.DataDome.Enabled, o => new DataDomeIntegration(o.Integrations.DataDome)),
    ];

    /// <summary>The ids of the built-in integrations, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Id)];

    /// <summary>The built-in integrations <paramref name="options"/> enables, in catalog order.</summary>
    public static IEnumerable<IIntegration> Create(TrustedServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Entries.Where(e => e.IsEnabled(options)).Select(e => e.Create(options));
    }

    private sealed record Entry(string Id, Func<TrustedServerOptions, bool> IsEnabled, Func<TrustedServerOptions, IIntegration> Create);
}
