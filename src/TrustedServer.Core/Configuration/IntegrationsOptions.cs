namespace TrustedServer.Core.Configuration;

/// <summary>The <c>[integrations.*]</c> sections that are not auction providers (those live in <see cref="AuctionOptions"/>).</summary>
public sealed record IntegrationsOptions
{
    /// <summary><c>[integrations.gpt]</c>.</summary>
    public GptOptions Gpt { get; init; } = new();

    /// <summary><c>[integrations.google_tag_manager]</c>.</summary>
    public GoogleTagManagerOptions GoogleTagManager { get; init; } = new();

    /// <summary><c>[integrations.didomi]</c>.</summary>
    public DidomiOptions Didomi { get; init; } = new();

    /// <summary><c>[integrations.sourcepoint]</c>.</summary>
    public SourcepointOptions Sourcepoint { get; init; } = new();

    /// <summary><c>[integrations.osano]</c>.</summary>
    public OsanoOptions Osano { get; init; } = new();

    /// <summary><c>[integrations.gpt_diagnostics]</c>.</summary>
    public GptDiagnosticsOptions GptDiagnostics { get; init; } = new();

    /// <summary><c>[integrations.nextjs]</c>.</summary>
    public NextJsOptions NextJs { get; init; } = new();

    /// <summary><c>[integrations.permutive]</c>.</summary>
    public PermutiveOptions Permutive { get; init; } = new();

    /// <summary><c>[integrations.lockr]</c>.</summary>
    public LockrOptions Lockr { get; init; } = new();

    /// <summary><c>[integrations.datadome]</c>.</summary>
    public DataDomeOptions DataDome { get; init; } = new();
}
