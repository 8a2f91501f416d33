using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.UrlParsing;
using TrustedServer.Hosting.Listener;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// Before routing, so every route is covered: the request's host (<see cref="VisitorRequest.Host"/>: <c>Host</c>, or a
/// trusted proxy's <c>X-Forwarded-Host</c>) must be <c>[publisher] domain</c> or one of its <c>aliases</c>, since it
/// becomes every rewritten link, <c>Location</c> and first-party URL, and a shared cache that does not key on it would
/// hand an attacker's host to every visitor. Loopback names pass when the connection itself is local (the demo, an
/// operator's curl). Any other host gets 421 Misdirected Request, or, with <c>unknown_host = "canonical"</c>, is served
/// as the domain. <c>/_ts/health</c> answers any host (its answer names none), and so does an admin listener.
/// </summary>
internal sealed class PublicHostGate(RequestDelegate next, TrustedServerOptions options, ILogger<PublicHostGate> logger)
{
    private const string HealthPath = "/_ts/health";
    private static readonly byte[] Refusal = "421 Misdirected Request: this server does not answer for that host.\n"u8.ToArray();

    private readonly PublicHostList _hosts = new(options.Publisher.Domain, options.Publisher.Aliases);
    private readonly bool _canonical = options.Publisher.UnknownHost == UnknownHostMode.Canonical;

    public Task InvokeAsync(HttpContext context)
    {
        if (AdminListenerFeature.IsAdmin(context) || IsHealth(context.Request.Path.Value))
        {
            return next(context);
        }

        var visitor = VisitorRequest.For(context, options.Proxy);
        if (visitor.Host.Length == 0)
        {
            // HTTP/1.0 without Host: nothing to poison; links name the domain.
            context.Features.Set(visitor.WithHost(_hosts.Canonical));
            return next(context);
        }

        var local = !visitor.HostForwarded && visitor.ConnectionAddress is { } address && IPAddress.IsLoopback(address);
        if (_hosts.Allows(visitor.Host, visitor.Scheme, local))
        {
            return next(context);
        }

        if (_canonical)
        {
            context.Features.Set(visitor.WithHost(_hosts.Canonical));
            return next(context);
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            PublicHostLog.Refused(logger, visitor.Host, visitor.HostForwarded ? "X-Forwarded-Host" : "Host");
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = Refusal.Length;
        return response.Body.WriteAsync(Refusal, context.RequestAborted).AsTask();
    }

    private static bool IsHealth(string? path) =>
        path is not null && path.StartsWith(HealthPath, StringComparison.OrdinalIgnoreCase) && (path.Length == HealthPath.Length || path is [.., '/'] && path.Length == HealthPath.Length + 1);
}
