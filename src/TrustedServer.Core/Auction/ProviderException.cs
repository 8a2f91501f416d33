using System.Text.Json.Nodes;

namespace TrustedServer.Core.Auction;

/// <summary>A provider failed in a way worth reporting; the message is safe to show in <c>provider_details</c>.</summary>
public sealed class ProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderException()
    {
    }

    /// <summary>Creates the exception with a reportable message.</summary>
    public ProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reportable message and its cause.</summary>
    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Facts about the failed exchange for the provider's <c>provider_details</c> line (APS debug), or null.</summary>
    public JsonObject? Metadata { get; init; }
}
