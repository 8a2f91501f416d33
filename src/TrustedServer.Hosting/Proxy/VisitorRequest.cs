using System.Net;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// The request as the visitor made it, resolved once per request under <c>[proxy] trusted_proxies</c> and kept as an
/// <see cref="HttpContext"/> feature, so the forwarding headers, the rewriting, the Edge Cookie and geo lookup all
/// read one answer. Forwarding headers are believed only from a trusted proxy.
/// </summary>
public sealed class VisitorRequest
{
    private readonly ProxyOptions _proxy;
    private readonly string? _forwardedFor;
    private IPAddress? _clientAddress;
    private bool _clientAddressResolved;

    private VisitorRequest(string scheme, string host, bool hostForwarded, IPAddress? connectionAddress, bool fromTrustedProxy, string? forwardedFor, ProxyOptions proxy)
    {
        Scheme = scheme;
        Host = host;
        HostForwarded = hostForwarded;
        ConnectionAddress = connectionAddress;
        FromTrustedProxy = fromTrustedProxy;
        _forwardedFor = forwardedFor;
        _proxy = proxy;
    }

    /// <summary>
    /// "http" or "https": the connection's scheme, or the first <c>X-Forwarded-Proto</c> value when the connection is a
    /// trusted proxy and that value is one of the two.
    /// </summary>
    public string Scheme { get; }

    /// <summary>
    /// The public authority that rewriting maps origin URLs to, with its port (e.g. <c>www.example.com</c> or
    /// <c>localhost:8080</c>): the first <c>X-Forwarded-Host</c> entry when the connection is a trusted proxy that sent
    /// one, else the <c>Host</c> the client sent. <see cref="PublicHostGate"/> admits only declared hosts (or replaces
    /// an undeclared one with the domain) before any route reads it.
    /// </summary>
    public string Host { get; }

    /// <summary>Whether <see cref="Host"/> came from a trusted proxy's <c>X-Forwarded-Host</c>, not the request's own <c>Host</c>.</summary>
    public bool HostForwarded { get; }

    /// <summary>The connection's remote address, IPv4-mapped addresses as IPv4.</summary>
    public IPAddress? ConnectionAddress { get; }

    /// <summary>Whether the connection comes from a <c>[proxy] trusted_proxies</c> address.</summary>
    public bool FromTrustedProxy { get; }

    /// <summary>
    /// The visitor's address: the connection's address, or, when that is a trusted proxy, the right-most
    /// <c>X-Forwarded-For</c> entry that is not itself a trusted proxy (entries further left are client-controlled);
    /// null when a hop is not an address. Parsed on first use, once.
    /// </summary>
    public IPAddress? ClientAddress
    {
        get
        {
            if (!_clientAddressResolved)
            {
                _clientAddress = ResolveClientAddress();
                _clientAddressResolved = true;
            }

            return _clientAddress;
        }
    }

    /// <summary>The visitor request of <paramref name="context"/>, resolved on the first call and then kept as a feature.</summary>
    public static VisitorRequest For(HttpContext context, ProxyOptions proxy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(proxy);
        if (context.Features.Get<VisitorRequest>() is { } known)
        {
            return known;
        }

        var resolved = Resolve(context, proxy);
        context.Features.Set(resolved);
        return resolved;
    }

    /// <summary>This request with <paramref name="host"/> as its public host (the domain, for a host that is not declared).</summary>
    internal VisitorRequest WithHost(string host) =>
        new(Scheme, host, HostForwarded, ConnectionAddress, FromTrustedProxy, _forwardedFor, _proxy);

    private static VisitorRequest Resolve(HttpContext context, ProxyOptions proxy)
    {
        var request = context.Request;
        var connection = Normalize(context.Connection.RemoteIpAddress);
        var trusted = proxy.IsTrusted(connection);
        var scheme = request.Scheme;
        string? forwardedFor = null;
        var host = request.Host.Value ?? string.Empty;
        var hostForwarded = false;
        if (trusted)
        {
            var forwardedHost = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
            if (forwardedHost.Length > 0)
            {
                host = forwardedHost;
                hostForwarded = true;
            }

            var forwarded = request.Headers["X-Forwarded-Proto"].ToString();
            var first = forwarded.Split(',')[0].Trim().ToLowerInvariant();
            if (first is "http" or "https")
            {
                scheme = first;
            }

            forwardedFor = request.Headers["X-Forwarded-For"].ToString();
        }

        return new VisitorRequest(scheme, host, hostForwarded, connection, trusted, forwardedFor, proxy);
    }

    private IPAddress? ResolveClientAddress()
    {
        if (ConnectionAddress is null || !FromTrustedProxy)
        {
            return ConnectionAddress;
        }

        var entries = (_forwardedFor ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(entries[i], out var hop))
            {
                return null;
            }

            hop = Normalize(hop);
            if (!_proxy.IsTrusted(hop))
            {
                return hop;
            }
        }

        return ConnectionAddress;
    }

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
