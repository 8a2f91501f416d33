using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// Stops a request that has already passed through this instance (an origin_url that leads back here): every origin
/// request carries <c>Via</c> with a token unique to this process (RFC 9110 §7.6.3), and a request arriving with that
/// token is answered <c>508 Loop Detected</c> instead of being forwarded again.
/// </summary>
internal sealed class ProxyLoopGuard
{
    /// <summary>The pseudonym this instance writes as Via's received-by, e.g. <c>trusted-server-3f9a0c12d4e5b6a7</c>.</summary>
    public string Token { get; } = "trusted-server-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>True when one of the request's <c>Via</c> entries names this instance.</summary>
    public bool HasLooped(HttpRequest request)
    {
        foreach (var line in request.Headers.Via)
        {
            if (line is not null && line.Contains(Token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends this hop to the origin request's <c>Via</c>, after any the client sent.</summary>
    public void AddVia(HttpRequest request, HttpRequestMessage proxyRequest)
    {
        var protocol = request.Protocol.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) ? request.Protocol[5..] : request.Protocol;
        var hop = protocol + " " + Token;
        proxyRequest.Headers.Remove(HeaderNames.Via);
        var received = request.Headers.Via;
        proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.Via, StringValues.IsNullOrEmpty(received) ? hop : Join(received, hop));
    }

    /// <summary>The 508 page.</summary>
    public static async Task WriteLoopDetectedAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status508LoopDetected;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        var body = Encoding.UTF8.GetBytes("508 Loop Detected: this request already passed through this Trusted Server; its origin_url leads back to itself.\n");
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static string Join(StringValues received, string hop)
    {
        var builder = new StringBuilder();
        foreach (var line in received)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                builder.Append(line).Append(", ");
            }
        }

        return builder.Append(hop).ToString();
    }
}
