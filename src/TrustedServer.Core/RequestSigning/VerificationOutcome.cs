namespace TrustedServer.Core.RequestSigning;

/// <summary>The answer to a verification.</summary>
public enum VerificationOutcome
{
    /// <summary>The signature is valid under the active kid.</summary>
    Verified,

    /// <summary>The signature does not match, or is not a well-formed signature.</summary>
    Invalid,

    /// <summary>The kid is not active (or does not exist).</summary>
    UnknownKid,
}
