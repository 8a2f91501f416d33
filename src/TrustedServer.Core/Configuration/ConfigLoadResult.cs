namespace TrustedServer.Core.Configuration;

/// <summary>The outcome of loading a configuration: options when valid, every error otherwise.</summary>
/// <param name="Options">The options, or null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">All problems found, in file order.</param>
public sealed record ConfigLoadResult(TrustedServerOptions? Options, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>True when the configuration is valid.</summary>
    public bool Success => Options is not null && Errors.Count == 0;
}
