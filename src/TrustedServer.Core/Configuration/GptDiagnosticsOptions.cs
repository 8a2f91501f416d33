namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.gpt_diagnostics]</c>: the local GPT lifecycle console, activated per browser session with
/// <c>?ts_console=1</c>.</summary>
public sealed record GptDiagnosticsOptions
{
    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }
}
