using StackExchange.Redis;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>Maps the <c>[ec] store</c> setting to an identity store.</summary>
public static class IdentityStoreFactory
{
    /// <summary>
    /// <see langword="null"/> or <c>memory</c>: in memory. <c>file:///abs/path</c>, <c>file:rel/path</c> or a plain path: a
    /// local file. <c>redis://[user:password@]host[:port][/db]</c> or <c>rediss://…</c>: Redis, connecting in the background.
    /// </summary>
    /// <exception cref="FormatException">The value names no supported store.</exception>
    public static IIdentityStore Create(string? storeUri, TimeProvider timeProvider, IdentityStoreOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new IdentityStoreOptions();
        if (IdentityStoreLocation.TryParse(storeUri, out var location) is { } problem)
        {
            throw new FormatException("[ec] store: " + problem);
        }

        switch (location.Kind)
        {
            case IdentityStoreKind.File:
                if (logger is not null && options.OnFlushError is null)
                {
                    options = options with { OnFlushError = ex => IdentityStoreLog.FlushFailed(logger, ex) };
                }

                var store = new FileIdentityStore(location.Target, timeProvider, options);
                Log(logger, "file", location.Target);
                if (logger is not null && store.CorruptLinesSkipped > 0)
                {
                    IdentityStoreLog.CorruptLinesSkipped(logger, store.CorruptLinesSkipped);
                }

                return store;
            case IdentityStoreKind.Redis:
                var connection = ConnectionMultiplexer.Connect(RedisStoreUri.Parse(location.Target));
                Log(logger, "redis", RedisStoreUri.Redact(location.Target));
                return new RedisIdentityStore(connection, timeProvider, ownsConnection: true);
            default:
                Log(logger, "memory", "process");
                return new InMemoryIdentityStore(timeProvider, options);
        }
    }

    private static void Log(ILogger? logger, string kind, string location)
    {
        if (logger is not null)
        {
            IdentityStoreLog.Selected(logger, kind, location);
        }
    }
}
