namespace TrustedServer.Core.Configuration;

/// <summary>
/// The addresses Trusted Server listens on (<c>serve --urls</c>, <c>[server] admin_urls</c>): <c>http://host:port</c> or
/// <c>https://host:port</c> (served with <c>[server] tls_certificate</c>), several separated by <c>;</c>.
/// </summary>
public static class ListenUrls
{
    /// <summary>What is accepted, for error messages.</summary>
    public const string Expected = "http://HOST:PORT or https://HOST:PORT, e.g. http://0.0.0.0:8080 or https://0.0.0.0:8443 (several separated by ';')";

    /// <summary>Parses a <c>;</c>-separated list; returns what is wrong, or null with <paramref name="urls"/> set.</summary>
    public static string? TryParse(string text, out IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(text);
        urls = [];
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "is empty; expected " + Expected;
        }

        foreach (var part in parts)
        {
            if (Check(part) is { } problem)
            {
                return problem;
            }
        }

        urls = parts;
        return null;
    }

    /// <summary>What is wrong with one listen URL, or null when Kestrel can bind it.</summary>
    public static string? Check(string url)
    {
        ArgumentNullException.ThrowIfNull(url);

        // Kestrel's wildcards are not host names a URI parser accepts.
        var parseable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        if (!Uri.TryCreate(parseable, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || !url.Contains("://", StringComparison.Ordinal))
        {
            return $"\"{url}\" is not a URL; expected {Expected}";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"\"{url}\" is not an http:// or https:// URL; expected {Expected}";
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"\"{url}\" must be scheme, host and port only; expected {Expected}";
        }

        return null;
    }

    /// <summary>True when <paramref name="url"/> is an <c>https://</c> listen URL (it needs the TLS certificate).</summary>
    public static bool IsHttps(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }
}
