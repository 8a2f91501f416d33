namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>What <see cref="IdentityStoreExtensions.UpdateWithRetryAsync"/> did.</summary>
public enum IdentityUpdateOutcome
{
    /// <summary>The mutated record was written.</summary>
    Updated,

    /// <summary>The mutation changed nothing, so nothing was written.</summary>
    Unchanged,

    /// <summary>No entry exists (never created, expired or deleted).</summary>
    Missing,

    /// <summary>The entry is a withdrawal tombstone; it is never updated.</summary>
    Tombstoned,

    /// <summary>Every compare-and-swap attempt lost to a concurrent writer.</summary>
    Conflict,

    /// <summary>The store could not be reached or held an unreadable value.</summary>
    Unavailable,
}
