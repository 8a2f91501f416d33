using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Rewriting.Integrations.GptDiagnostics;

namespace TrustedServer.Hosting.Integrations.GptDiagnostics;

/// <summary>
/// Reads and applies <c>ts_console</c> before routing: strips the pairs from the query and the activation cookie from
/// the request (neither reaches the origin, a cache key or an auction), sets or clears the cookie on the response, and
/// makes active or directive-bearing HTML private and unstored. The query and cookie changes go past the filter
/// context's staging on purpose: they are this integration's own reserved names, which no other part reads.
/// </summary>
internal sealed class ConsoleActivationFilter : IRequestFilter
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the request's <see cref="ConsoleSession"/>.</summary>
    public static readonly object SessionKey = new();

    private static readonly string[] CookieNames = [ConsoleSession.CookieName];

    public ValueTask<RequestFilterResult> FilterAsync(RequestFilterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Http;
        var request = http.Request;
        var session = ConsoleSession.Read(request.QueryString.Value ?? string.Empty, request.Headers.Cookie);
        if (session.Directive == ConsoleDirective.None && !session.HadCookie)
        {
            return ValueTask.FromResult(RequestFilterResult.Allow);
        }

        http.Items[SessionKey] = session;
        if (session.Directive != ConsoleDirective.None)
        {
            request.QueryString = new QueryString(session.CleanQuery.Length == 0 ? null : session.CleanQuery);
        }

        if (session.HadCookie)
        {
            var rest = CookieHeader.Without(string.Join("; ", request.Headers.Cookie.ToArray()), CookieNames);
            if (string.IsNullOrEmpty(rest))
            {
                request.Headers.Remove(HeaderNames.Cookie);
            }
            else
            {
                request.Headers.Cookie = rest;
            }
        }

        var response = http.Response;
        response.OnStarting(() =>
        {
            if (session.Directive == ConsoleDirective.Activate)
            {
                response.Headers.Append(HeaderNames.SetCookie, ConsoleSession.SetActivate);
            }
            else if (session.Directive == ConsoleDirective.Deactivate)
            {
                response.Headers.Append(HeaderNames.SetCookie, ConsoleSession.SetDeactivate);
            }

            if ((session.Active || session.Directive != ConsoleDirective.None) && IsHtml(response.ContentType))
            {
                response.Headers.CacheControl = "private, no-store";
                response.Headers.Remove("Surrogate-Control");
                response.Headers.Remove("Surrogate-Key");
                response.Headers.Remove("CDN-Cache-Control");
                response.Headers.Remove(HeaderNames.Expires);
            }

            return Task.CompletedTask;
        });
        return ValueTask.FromResult(RequestFilterResult.Allow);
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
}
