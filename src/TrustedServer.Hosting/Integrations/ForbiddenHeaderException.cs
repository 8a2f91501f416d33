namespace TrustedServer.Hosting.Integrations;

/// <summary>A request filter tried to set a header only the server itself may set.</summary>
public sealed class ForbiddenHeaderException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ForbiddenHeaderException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ForbiddenHeaderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ForbiddenHeaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
