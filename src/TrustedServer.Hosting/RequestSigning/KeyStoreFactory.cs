using StackExchange.Redis;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.EdgeCookie.Storage;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>Maps <c>[request_signing] key_store</c> to a key store.</summary>
public static class KeyStoreFactory
{
    /// <summary>The store named by <paramref name="options"/>.</summary>
    /// <exception cref="FormatException">The value names no supported store.</exception>
    public static IKeyStore Create(RequestSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.KeyStore.Trim();
        if (value.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryKeyStore();
        }

        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsFile && uri.LocalPath.Length > 1
                ? new FileKeyStore(uri.LocalPath)
                : throw new FormatException("[request_signing] key_store: expected file:///absolute/path");
        }

        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new FileKeyStore(Path.GetFullPath(value["file:".Length..]));
        }

        if (RedisStoreUri.IsRedis(value))
        {
            var connection = ConnectionMultiplexer.Connect(RedisStoreUri.Parse(value));
            return new RedisKeyStore(connection, options.KeyPrefix, ownsConnection: true);
        }

        throw new FormatException("[request_signing] key_store: expected file:, redis:// or memory");
    }

    /// <summary>Where the store is, safe to log (a Redis password is masked).</summary>
    public static string Describe(RequestSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RedisStoreUri.IsRedis(options.KeyStore) ? RedisStoreUri.Redact(options.KeyStore) : options.KeyStore;
    }
}
