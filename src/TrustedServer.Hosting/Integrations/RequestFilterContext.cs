using Microsoft.Net.Http.Headers;

namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// What a request filter may see and change. Changes are staged and applied only when the filter returns, so a
/// filter that fails changes nothing. Hop-by-hop headers, <c>Host</c>, cookies, <c>Forwarded</c>, <c>X-Forwarded-*</c>
/// and the framing headers are refused with <see cref="ForbiddenHeaderException"/>: the proxy sets those itself.
/// </summary>
public sealed class RequestFilterContext
{
    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Connection, HeaderNames.KeepAlive, "Proxy-Connection", HeaderNames.TransferEncoding, HeaderNames.TE,
        HeaderNames.Trailer, HeaderNames.Upgrade, HeaderNames.ProxyAuthenticate, HeaderNames.ProxyAuthorization,
        HeaderNames.Host, HeaderNames.Cookie, HeaderNames.SetCookie, "Forwarded", HeaderNames.ContentLength,
    };

    internal RequestFilterContext(HttpContext http) => Http = http;

    /// <summary>The request (read it; change headers only through this context).</summary>
    public HttpRequest Request => Http.Request;

    internal HttpContext Http { get; }

    internal List<(string Name, string? Value)> RequestChanges { get; } = [];

    internal List<(string Name, string Value)> ResponseHeaders { get; } = [];

    internal List<string> ResponseCookies { get; } = [];

    /// <summary>Is <paramref name="name"/> a header a filter may not set?</summary>
    public static bool IsForbidden(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Forbidden.Contains(name) || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) || !IsToken(name);
    }

    /// <summary>Sets (replaces) a request header before routing.</summary>
    /// <exception cref="ForbiddenHeaderException">The header is one the proxy owns.</exception>
    public void SetRequestHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Check(name);
        CheckValue(name, value);
        RequestChanges.Add((name, value));
    }

    /// <summary>Removes a request header before routing.</summary>
    /// <exception cref="ForbiddenHeaderException">The header is one the proxy owns.</exception>
    public void RemoveRequestHeader(string name)
    {
        Check(name);
        RequestChanges.Add((name, null));
    }

    /// <summary>Adds a header to the response, whatever answers the request.</summary>
    /// <exception cref="ForbiddenHeaderException">The header is one the proxy owns.</exception>
    public void AddResponseHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Check(name);
        CheckValue(name, value);
        ResponseHeaders.Add((name, value));
    }

    /// <summary>Appends one <c>Set-Cookie</c> value to the response, whatever answers the request (a vendor's own
    /// cookie, such as a bot-protection session). The value is one cookie, without line breaks.</summary>
    /// <exception cref="ForbiddenHeaderException">The value holds a line break or is empty.</exception>
    public void AddResponseCookie(string setCookie)
    {
        ArgumentNullException.ThrowIfNull(setCookie);
        CheckValue(HeaderNames.SetCookie, setCookie);
        if (setCookie.Length == 0 || !setCookie.Contains('=', StringComparison.Ordinal))
        {
            throw new ForbiddenHeaderException("a Set-Cookie value needs a name=value pair");
        }

        ResponseCookies.Add(setCookie);
    }

    private static void Check(string name)
    {
        if (IsForbidden(name))
        {
            throw new ForbiddenHeaderException($"request filters may not set \"{name}\"");
        }
    }

    private static void CheckValue(string name, string value)
    {
        if (value.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw new ForbiddenHeaderException($"the value of \"{name}\" holds a line break");
        }
    }

    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
