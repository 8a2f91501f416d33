namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>What to do with the Edge Cookie for one request.</summary>
public enum EcDecisionKind
{
    /// <summary>No EC for this request (consent not granted, not a navigation, a bot, ...). An existing cookie is left alone.</summary>
    None = 0,

    /// <summary>Mint a new ID: write it to the identity store, then send <see cref="EcDecision.SetCookie"/>.</summary>
    Mint = 1,

    /// <summary>A valid cookie came with the request and consent holds: use it; no cookie refresh.</summary>
    Keep = 2,

    /// <summary>Explicit withdrawal: expire the cookie (<see cref="EcDecision.SetCookie"/>) and write a tombstone.</summary>
    Withdraw = 3,
}
