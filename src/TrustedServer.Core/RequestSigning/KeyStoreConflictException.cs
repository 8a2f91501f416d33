namespace TrustedServer.Core.RequestSigning;

/// <summary>Another writer changed the key store since it was read; nothing was applied.</summary>
public sealed class KeyStoreConflictException : KeyStoreException
{
    /// <summary>Creates the exception.</summary>
    public KeyStoreConflictException()
        : base("the key store changed since it was read; retry")
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
