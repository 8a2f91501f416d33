using System.Net;
using System.Net.Sockets;

namespace TrustedServer.Core.Ssrf;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> for first-party proxy fetches. Its <c>ConnectCallback</c> resolves the
/// host itself, refuses the whole connection if ANY resolved address is non-public (unless private targets are
/// allowed), and only then connects, to an address that passed. Because the check runs on the addresses actually
/// dialled, a DNS answer that changes between validation and connection (rebinding) cannot slip through. Redirects,
/// proxies, cookies and decompression are off: the caller follows redirects through <see cref="RedirectPolicy"/>.
/// HTTP/3 (QUIC) does not go through <c>ConnectCallback</c>, so requests on this handler must stay on HTTP/1.1 or
/// HTTP/2 (the default request version; never <c>HttpVersionPolicy.RequestVersionOrHigher</c> with 3.0).
/// </summary>
public static class GuardedHttpHandlerFactory
{
    /// <summary>Creates the handler. <paramref name="connector"/> and <paramref name="resolver"/> exist for tests.</summary>
    public static SocketsHttpHandler Create(
        ProxyTargetPolicy policy,
        OutboundConnector? connector = null,
        HostResolver? resolver = null,
        TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var connect = connector ?? ConnectSocketAsync;
        var resolve = resolver ?? ResolveAsync;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
            ConnectCallback = (context, ct) =>
                ConnectGuardedAsync(policy, context.DnsEndPoint, resolve, connect, ct),
        };
    }

    /// <summary>The guarded connect step, exposed so it can be exercised without an HTTP request.</summary>
    public static async ValueTask<Stream> ConnectGuardedAsync(
        ProxyTargetPolicy policy,
        DnsEndPoint endpoint,
        HostResolver resolver,
        OutboundConnector connector,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(connector);

        var host = endpoint.Host;
        var addresses = ProxyTargetPolicy.TryParseIpLiteral(host, out var literal)
            ? [literal]
            : await resolver(host, cancellationToken).ConfigureAwait(false);

        if (addresses.Length == 0)
        {
            throw new SsrfBlockedException(host);
        }

        if (!policy.AllowPrivateTargets)
        {
            foreach (var address in addresses)
            {
                if (!TargetAddressClassifier.IsPublicAddress(address))
                {
                    throw new SsrfBlockedException(host);
                }
            }
        }

        List<Exception>? failures = null;
        foreach (var address in addresses)
        {
            try
            {
                return await connector(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                (failures ??= []).Add(ex);
            }
        }

        throw new HttpRequestException(
            HttpRequestError.ConnectionError, $"could not connect to '{host}'", new AggregateException(failures!));
    }

    private static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

    private static async ValueTask<Stream> ConnectSocketAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
