using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.EdgeCookie;
using TrustedServer.Hosting.EdgeCookie.Storage;
using TrustedServer.Hosting.RequestSigning;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// The stores that must not exist twice in one process, kept across generations while their setting is unchanged: the
/// Edge Cookie identity store (<c>[ec] store</c>; an in-memory one would otherwise forget every visitor, two file stores
/// on one file would overwrite each other, a Redis one would open a second connection) and the signing key store
/// (<c>[request_signing] key_store</c> and <c>key_prefix</c>). A changed setting opens a new store for the new
/// generation; the old one is disposed when the last generation using it is.
/// </summary>
internal sealed class SharedStores(ILoggerFactory loggerFactory)
{
    private readonly Dictionary<string, (object Store, int References)> _stores = new(StringComparer.Ordinal);

    /// <summary>The leases <paramref name="options"/> needs, registered into <paramref name="services"/> ahead of the defaults.</summary>
    public async Task<IReadOnlyList<StoreLease>> LeaseAsync(TrustedServerOptions options, IServiceCollection services)
    {
        var leases = new List<StoreLease>();
        try
        {
            if (new IdentitySettings(options).Enabled)
            {
                var lease = Acquire("ec.store\n" + (options.Ec.Store ?? "memory"), () => IdentityStoreFactory.Create(
                    options.Ec.Store,
                    TimeProvider.System,
                    logger: loggerFactory.CreateLogger("TrustedServer.Hosting.Storage")));
                leases.Add(lease);
                services.AddSingleton((IIdentityStore)lease.Store);
            }

            var signing = options.RequestSigning;
            if (signing.Enabled && !string.IsNullOrEmpty(signing.Passphrase))
            {
                var lease = Acquire("request_signing.key_store\n" + signing.KeyStore + "\n" + signing.KeyPrefix, () => KeyStoreFactory.Create(signing));
                leases.Add(lease);
                services.AddSingleton((IKeyStore)lease.Store);
            }
        }
        catch
        {
            foreach (var lease in leases)
            {
                await lease.DisposeAsync();
            }

            throw;
        }

        return leases;
    }

    internal async ValueTask ReleaseAsync(string key)
    {
        object? last = null;
        lock (_stores)
        {
            var (store, references) = _stores[key];
            if (references == 1)
            {
                _stores.Remove(key);
                last = store;
            }
            else
            {
                _stores[key] = (store, references - 1);
            }
        }

        if (last is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private StoreLease Acquire(string key, Func<object> open)
    {
        lock (_stores)
        {
            if (_stores.TryGetValue(key, out var entry))
            {
                _stores[key] = (entry.Store, entry.References + 1);
                return new StoreLease(this, key, entry.Store);
            }

            // Opened under the lock: a reload is one at a time, and the store must exist once per setting.
            var store = open();
            _stores[key] = (store, 1);
            return new StoreLease(this, key, store);
        }
    }
}
