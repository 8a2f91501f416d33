namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>A body decoded past <see cref="DecodeLimits"/>: the size cap or the expansion-ratio cap.</summary>
public sealed class DecodeLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DecodeLimitExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DecodeLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DecodeLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
