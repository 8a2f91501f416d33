namespace TrustedServer.Core.Configuration;

/// <summary>The <c>[integrations.*]</c> sections that are not auction providers (those live in <see cref="AuctionOptions"/>).</summary>
public sealed record IntegrationsOptions
{
    /// <summary><c>[integrations.gpt]</c>.</summary>
    public GptOptions Gpt { get; init; } = new();

    /// <summary><c>[integrations.google_tag_manager]</c>.</summary>
    public GoogleTagManagerOptions GoogleTagManager { get; init; } = new();

    /// <summary><c>[integrations.permutive]</c>.</summary>
    public PermutiveOptions Permutive { get; init; } = new();

    /// <summary><c>[integrations.lockr]</c>.</summary>
    public LockrOptions Lockr { get; init; } = new();

    /// <summary><c>[integrations.datadome]</c>.</summary>
    public DataDomeOptions DataDome { get; init; } = new();
}
