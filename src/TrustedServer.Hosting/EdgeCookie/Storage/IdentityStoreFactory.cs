using StackExchange.Redis;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>Maps the <c>[ec] store</c> setting to an identity store.</summary>
public static class IdentityStoreFactory
{
    /// <summary>
    /// <see langword="null"/>, empty or <c>memory</c>: in memory. <c>file:///abs/path</c> or <c>file:rel/path</c>: a local
    /// file. <c>redis://[user:password@]host[:port][/db]</c> or <c>rediss://…</c>: Redis, connecting in the background.
    /// </summary>
    /// <exception cref="FormatException">The value names no supported store.</exception>
    public static IIdentityStore Create(string? storeUri, TimeProvider timeProvider, IdentityStoreOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new IdentityStoreOptions();
        var value = storeUri?.Trim();

        if (string.IsNullOrEmpty(value) || value.Equals("memory", StringComparison.OrdinalIgnoreCase))
        {
            Log(logger, "memory", "process");
            return new InMemoryIdentityStore(timeProvider, options);
        }

        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = FilePath(value);
            if (logger is not null && options.OnFlushError is null)
            {
                options = options with { OnFlushError = ex => IdentityStoreLog.FlushFailed(logger, ex) };
            }

            var store = new FileIdentityStore(path, timeProvider, options);
            Log(logger, "file", path);
            if (logger is not null && store.CorruptLinesSkipped > 0)
            {
                IdentityStoreLog.CorruptLinesSkipped(logger, store.CorruptLinesSkipped);
            }

            return store;
        }

        if (RedisStoreUri.IsRedis(value))
        {
            var connection = ConnectionMultiplexer.Connect(RedisStoreUri.Parse(value));
            Log(logger, "redis", RedisStoreUri.Redact(value));
            return new RedisIdentityStore(connection, timeProvider, ownsConnection: true);
        }

        throw new FormatException("[ec] store: expected \"memory\", \"file:///path\" or \"redis://host:port\"");
    }

    private static string FilePath(string value)
    {
        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsFile && uri.LocalPath.Length > 1
                ? uri.LocalPath
                : throw new FormatException("[ec] store: expected file:///absolute/path");
        }

        var relative = value["file:".Length..];
        return relative.Length > 0 ? Path.GetFullPath(relative) : throw new FormatException("[ec] store: file: needs a path");
    }

    private static void Log(ILogger? logger, string kind, string location)
    {
        if (logger is not null)
        {
            IdentityStoreLog.Selected(logger, kind, location);
        }
    }
}
