using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Extensibility;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>The real app on <c>https://127.0.0.1:0</c> with a PEM certificate pair, in front of a test origin, bodies unrewritten.</summary>
internal sealed class TlsProxyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TlsProxyServer(WebApplication app)
    {
        _app = app;
        Url = new Uri(app.Urls.First());
    }

    public Uri Url { get; }

    /// <summary>Starts the app; with <paramref name="logs"/>, information-level entries go there as well.</summary>
    public static async Task<TlsProxyServer> StartAsync(Uri origin, string certificate, string key, ILoggerProvider? logs = null, IReadOnlyList<string>? adminUrls = null)
    {
        var options = TestOptions.For(origin) with { Server = new ServerOptions { TlsCertificate = certificate, TlsPrivateKey = key, AdminUrls = adminUrls ?? [] } };
        if (logs is not null)
        {
            options = options with { Logging = new LoggingOptions { Level = "information" } };
        }

        var app = TrustedServerApp.Build(options, ["https://127.0.0.1:0"], s =>
        {
            s.AddSingleton<IBodyTransformFactory, PassThroughTransformFactory>();
            s.AddSingleton<IResponseHeaderRewriter, NoOpResponseHeaderRewriter>();
            if (logs is not null)
            {
                s.AddSingleton(logs);
            }
        });
        await app.StartAsync();
        return new TlsProxyServer(app);
    }

    /// <summary>A client that speaks exactly <paramref name="version"/> and trusts only the certificate with <paramref name="thumbprint"/>.</summary>
    public HttpClient Client(string thumbprint, Version version) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
    })
    {
        BaseAddress = Url,
        DefaultRequestVersion = version,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Completes a new TLS handshake and returns the thumbprint of the certificate the server presented.</summary>
    public async Task<string> ServedThumbprintAsync(CancellationToken cancellationToken) => (await HandshakeAsync(cancellationToken)).Thumbprint;

    /// <summary>
    /// Completes a new TLS handshake; returns the thumbprint of the certificate presented and the thumbprints of the chain
    /// the client could build from it and what the server sent along (no store on this machine knows the test CAs).
    /// </summary>
    public async Task<(string Thumbprint, IReadOnlyList<string> Chain)> HandshakeAsync(CancellationToken cancellationToken)
    {
        List<string> chain = [];
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Url.Host, Url.Port, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            RemoteCertificateValidationCallback = (_, certificate, built, _) =>
            {
                chain = [.. built?.ChainElements.Select(e => e.Certificate.Thumbprint) ?? []];
                return certificate is not null;
            },
        }, cancellationToken);
        return (tls.RemoteCertificate!.GetCertHashString(), chain);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
