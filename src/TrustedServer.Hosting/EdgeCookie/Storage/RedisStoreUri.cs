using System.Globalization;
using StackExchange.Redis;

namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>Parses a Redis store URI, <c>redis://[user:password@]host[:port][/db]</c> (<c>rediss://</c> for TLS), as <c>[ec] store</c> and <c>[request_signing] key_store</c> take it.</summary>
public static class RedisStoreUri
{
    private const int DefaultPort = 6379;

    /// <summary>Whether <paramref name="value"/> names a Redis store.</summary>
    public static bool IsRedis(string? value) =>
        value is not null
        && (value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Builds client options; the connection retries in the background instead of failing startup.</summary>
    /// <exception cref="FormatException">The value is not a usable Redis URI (the message never repeats the password).</exception>
    public static ConfigurationOptions Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsRedis(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("expected redis://[user:password@]host[:port][/db]");
        }

        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase),
            ClientName = "trusted-server",
        };
        options.EndPoints.Add(uri.Host.Trim('[', ']'), uri.Port > 0 ? uri.Port : DefaultPort);

        if (uri.UserInfo.Length > 0)
        {
            var userInfo = uri.UserInfo;
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            options.User = user.Length > 0 ? user : null;
            options.Password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db))
            {
                throw new FormatException("the path of a redis:// URI must be a database number");
            }

            options.DefaultDatabase = db;
        }

        return options;
    }

    /// <summary>The URI with any password replaced by <c>***</c>, safe to log.</summary>
    public static string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return value;
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon] + ":***";
        return uri.Scheme + "://" + user + "@" + uri.Authority + uri.PathAndQuery;
    }
}
