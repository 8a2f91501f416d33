using System.Net.Quic;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Listener;

/// <summary>
/// TLS on <c>https://</c> listen URLs with <c>[server] tls_certificate</c>/<c>tls_private_key</c>: HTTP/1.1 and HTTP/2
/// chosen by ALPN, HTTP/3 as well when the machine has QUIC (libmsquic), the certificate reloaded when its files change.
/// </summary>
internal static class ListenerTls
{
    /// <summary>Configures the listener; does nothing when no certificate is configured.</summary>
    public static void Configure(WebApplicationBuilder builder, ServerOptions server, IReadOnlyList<string> urls)
    {
        if (server.TlsCertificate is not { } certificatePath || server.TlsPrivateKey is not { } keyPath)
        {
            return;
        }

        builder.Services.AddSingleton(services => new ReloadingCertificate(certificatePath, keyPath, services.GetRequiredService<ILogger<ReloadingCertificate>>(), TimeProvider.System));
        builder.WebHost.UseKestrelHttpsConfiguration();
        var http3 = ServesHttps(urls) && Http3Unavailable() is null;
        if (http3)
        {
            builder.WebHost.UseQuic();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = http3 ? HttpProtocols.Http1AndHttp2AndHttp3 : HttpProtocols.Http1AndHttp2);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var certificate = kestrel.ApplicationServices.GetRequiredService<ReloadingCertificate>();
                https.ServerCertificateSelector = (_, _) => certificate.Certificate;
                if (!http3)
                {
                    // Over TCP the cached context also sends the file's intermediates and skips a chain build per
                    // handshake. Kestrel refuses this callback with HTTP/3, where the selector alone is used.
                    https.OnAuthenticate = (_, ssl) =>
                    {
                        ssl.ServerCertificateSelectionCallback = null;
                        ssl.ServerCertificateContext = certificate.Context;
                    };
                }
            });
        });
    }

    /// <summary>Logs the one line saying why HTTP/3 is off, when https:// is served without it.</summary>
    public static void LogProtocols(WebApplication app, ServerOptions server, IReadOnlyList<string> urls)
    {
        if (server.TlsCertificate is not null && ServesHttps(urls) && Http3Unavailable() is { } reason)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ListenerLog.Category);
            ListenerLog.Http3Off(logger, reason);
        }
    }

    private static bool ServesHttps(IReadOnlyList<string> urls) => urls.Any(ListenUrls.IsHttps);

    private static string? Http3Unavailable()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()))
        {
            return "QUIC is not supported on this operating system";
        }

        return QuicListener.IsSupported ? null : "QUIC is not available on this machine (install libmsquic to serve HTTP/3)";
    }
}
