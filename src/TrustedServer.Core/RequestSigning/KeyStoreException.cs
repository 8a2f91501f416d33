namespace TrustedServer.Core.RequestSigning;

/// <summary>A key store could not be read or written, or its contents are unusable. Messages never hold key material.</summary>
public class KeyStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
