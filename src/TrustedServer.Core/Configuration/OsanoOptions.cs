namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.osano]</c>: the browser module that mirrors Osano's consent into the standard consent
/// cookies, which the consent pipeline reads on the next request.</summary>
public sealed record OsanoOptions
{
    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }
}
