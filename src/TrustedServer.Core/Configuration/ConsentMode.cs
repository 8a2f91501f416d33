namespace TrustedServer.Core.Configuration;

/// <summary><c>[consent] mode</c>.</summary>
public enum ConsentMode
{
    /// <summary>Decode the signals and enforce the rules (default).</summary>
    Interpreter = 0,

    /// <summary>Skip decoding; forward raw strings only.</summary>
    Proxy = 1,
}
