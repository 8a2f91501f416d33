namespace TrustedServer.Core.Rewriting.Integrations.GptDiagnostics;

/// <summary>What a request's <c>ts_console</c> query pairs ask for.</summary>
public enum ConsoleDirective
{
    /// <summary>No <c>ts_console</c> pair.</summary>
    None,

    /// <summary>Exactly one pair, <c>1</c> or <c>true</c>.</summary>
    Activate,

    /// <summary>Exactly one pair, <c>0</c> or <c>false</c>.</summary>
    Deactivate,

    /// <summary>Several pairs, or a value that is none of the four: the response is inactive and nothing changes.</summary>
    Invalid,
}
