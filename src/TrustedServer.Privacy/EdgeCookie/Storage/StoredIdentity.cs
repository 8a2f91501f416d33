namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>A record as read from the store, with the generation to pass to a compare-and-swap.</summary>
/// <param name="Record">The stored record (a tombstone when <see cref="IdentityRecord.IsTombstone"/>).</param>
/// <param name="Generation">Opaque, store-wide unique version of this value; changes on every write.</param>
public sealed record StoredIdentity(IdentityRecord Record, long Generation);
