namespace TrustedServer.Privacy.Consent;

/// <summary>A US Privacy string flag: <c>Y</c>, <c>N</c> or <c>-</c> (not applicable).</summary>
public enum PrivacyIndicator
{
    /// <summary><c>-</c></summary>
    NotApplicable = 0,

    /// <summary><c>Y</c></summary>
    Yes = 1,

    /// <summary><c>N</c></summary>
    No = 2,
}
