namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>The identity store is unreachable, or holds a value this build refuses to read.</summary>
public sealed class IdentityStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IdentityStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IdentityStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public IdentityStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
