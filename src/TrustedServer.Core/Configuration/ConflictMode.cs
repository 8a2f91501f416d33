namespace TrustedServer.Core.Configuration;

/// <summary><c>[consent.conflict_resolution] mode</c>: which TCF signal wins when the standalone TC string and the GPP EU section disagree.</summary>
public enum ConflictMode
{
    /// <summary>Prefer the signal that denies (default).</summary>
    Restrictive = 0,

    /// <summary>Prefer the fresher signal when it is newer by more than the freshness threshold, else restrictive.</summary>
    Newest = 1,

    /// <summary>Prefer the signal that grants.</summary>
    Permissive = 2,
}
