using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// Binds the public listen URLs and, when configured, the <c>[server] admin_urls</c> listeners, whose connections carry
/// <see cref="AdminListenerFeature"/>. Without admin listeners Kestrel binds the URLs itself, as it always has.
/// </summary>
internal static class ListenerBinding
{
    public static void Configure(IWebHostBuilder webHost, string[] urls, ServerOptions server)
    {
        var admin = new AdminListeners();
        webHost.ConfigureServices(services => services.AddSingleton(admin));
        if (server.AdminUrls.Count == 0)
        {
            webHost.UseUrls(urls);
            return;
        }

        webHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                Listen(kestrel, url, static _ => { });
            }

            foreach (var url in server.AdminUrls)
            {
                Listen(kestrel, url, listen =>
                {
                    admin.Add(url, listen);
                    listen.Use(next => connection =>
                    {
                        connection.Features.Set(AdminListenerFeature.Instance);
                        return next(connection);
                    });
                });
            }
        });
    }

    /// <summary>What Kestrel does with a URL: <c>localhost</c> on both loopbacks, an address on itself, any other host on every address.</summary>
    private static void Listen(KestrelServerOptions kestrel, string url, Action<ListenOptions> configure)
    {
        // Kestrel's wildcards are not host names a URI parser accepts.
        var parseable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        var uri = new Uri(parseable, UriKind.Absolute);
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            // An endpoint bound by address is not told its scheme: TLS is asked for here, with the defaults
            // ListenerTls set (its certificate), which is why the binding is configured after it.
            var inner = configure;
            configure = listen =>
            {
                listen.UseHttps();
                inner(listen);
            };
        }

        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
        {
            kestrel.ListenLocalhost(uri.Port, configure);
        }
        else if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            kestrel.Listen(IPAddress.Parse(uri.DnsSafeHost), uri.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, configure);
        }
    }
}
