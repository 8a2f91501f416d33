
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

/// <summary>A store whose backend is down: every call fails as an unreachable Redis would.</summary>
internal sealed class FailingIdentityStore : IIdentityStore
{
    private static IdentityStoreException Down() => new("store unreachable");

    public ValueTask<StoredIdentity?> GetAsync(string id, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask<CreateOutcome> CreateOrReviveAsync(string id, IdentityRecord record, TimeSpan ttl, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask<bool> TryUpdateAsync(string id, long expectedGeneration, IdentityRecord record, TimeSpan? ttl, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask WriteTombstoneAsync(string id, TimeSpan ttl, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask<int> CountByPrefixAsync(string hashPrefix, int limit, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
