namespace TrustedServer.Core.RequestSigning;

/// <summary>How a rotation or deactivation ended.</summary>
public enum KeyOperationStatus
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>The kid breaks the kid rules.</summary>
    InvalidKid,

    /// <summary>A rotation asked for a kid that already exists.</summary>
    KidExists,

    /// <summary>A deactivation named a kid the store does not hold.</summary>
    UnknownKid,

    /// <summary>Refused: the current kid, or the last active one.</summary>
    Refused,

    /// <summary>The store failed or changed concurrently; earlier writes were undone.</summary>
    StoreFailed,
}
