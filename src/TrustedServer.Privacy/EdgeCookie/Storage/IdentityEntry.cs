namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>
/// One stored value. A class on purpose: compare-and-swap in the dictionary compares entries by reference,
/// so every write must be a new instance.
/// </summary>
internal sealed class IdentityEntry(IdentityRecord record, long generation, DateTimeOffset expiresAt)
{
    public IdentityRecord Record { get; } = record;

    public long Generation { get; } = generation;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
