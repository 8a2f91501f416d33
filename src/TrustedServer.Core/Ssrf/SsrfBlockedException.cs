namespace TrustedServer.Core.Ssrf;

/// <summary>
/// Thrown from the outbound connect step when a target host resolves to a non-public address (or to nothing). The
/// handler surfaces it as the inner exception of an <see cref="System.Net.Http.HttpRequestException"/>; map it to 403.
/// </summary>
public sealed class SsrfBlockedException : Exception
{
    /// <summary>Creates the exception; the message names the host but never the resolved addresses.</summary>
    public SsrfBlockedException(string host)
        : base($"target host '{host}' is not a public address")
    {
        Host = host;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SsrfBlockedException()
        : base("target host is not a public address")
    {
        Host = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public SsrfBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Host = string.Empty;
    }

    /// <summary>The refused host name or literal.</summary>
    public string Host { get; }
}
