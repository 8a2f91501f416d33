namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>What <see cref="IIdentityStore.CreateOrReviveAsync"/> did.</summary>
public enum CreateOutcome
{
    /// <summary>No entry existed; the record was written.</summary>
    Created,

    /// <summary>A tombstone existed; it was replaced by the record.</summary>
    Revived,

    /// <summary>A live entry existed; nothing was written.</summary>
    AlreadyExists,
}
