using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Tests.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Hosting.Tests.Observability;

namespace TrustedServer.Hosting.Tests.Listener;

/// <summary>
/// TLS on the listener with a certificate made at test time: HTTP/2 (and HTTP/1.1) by ALPN through every delivery mode,
/// for .NET's client and curl, and a renewed certificate served without a restart.
/// </summary>
public sealed class TlsListenerTests : IDisposable
{
    private static readonly byte[] Png = [.. Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7))];

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-tls-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A path of the test site and the delivery mode its response takes.</summary>
    public static TheoryData<string, string> Modes() => new()
    {
        { "/page", "Stream" },
        { "/missing", "Buffered" },
        { "/image.png", "PassThrough" },
    };

    private static async Task Site(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/page":
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<html><head></head><body><p>one</p>", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);

                // A pause, so the page streams: the first part leaves before the origin sends the rest.
                await Task.Delay(150, context.RequestAborted);
                await context.Response.WriteAsync("<p>two</p></body></html>", context.RequestAborted);
                break;
            case "/missing":
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>not here</body></html>", context.RequestAborted);
                break;
            default:
                context.Response.ContentType = "image/png";
                context.Response.ContentLength = Png.Length;
                await context.Response.Body.WriteAsync(Png, context.RequestAborted);
                break;
        }
    }

    private static byte[] Expected(string path) => path switch
    {
        "/page" => "<html><head></head><body><p>one</p><p>two</p></body></html>"u8.ToArray(),
        "/missing" => "<html><body>not here</body></html>"u8.ToArray(),
        _ => Png,
    };

    private static void AssertFraming(string mode, long? contentLength, int bodyLength)
    {
        if (mode == "Stream")
        {
            Assert.Null(contentLength);
        }
        else
        {
            Assert.Equal(bodyLength, contentLength);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Dotnet_client_gets_every_delivery_mode_over_http2_and_http1(string path, string mode)
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        await using var origin = await OriginServer.StartAsync(Site);
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key);

        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            using var client = proxy.Client(certificate.Thumbprint, version);
            using var response = await client.GetAsync(path, Ct);
            var body = await response.Content.ReadAsByteArrayAsync(Ct);

            Assert.Equal(version, response.Version);
            Assert.Equal(path == "/missing" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Expected(path), body);
            // The header as sent: HttpClient would otherwise report the length of the body it buffered.
            var sent = response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? long.Parse(values.ToString()) : (long?)null;
            AssertFraming(mode, sent, body.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Curl_gets_every_delivery_mode_over_http2(string path, string mode)
    {
        if (await CurlHttp2Problem() is { } reason)
        {
            Assert.Skip(reason);
        }

        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        await using var origin = await OriginServer.StartAsync(Site);
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key);
        var output = Path.Combine(_directory, "body");
        var headers = Path.Combine(_directory, "headers");

        var (code, stdout, stderr) = await RunAsync("curl", "--http2", "-k", "-sS", "--noproxy", "*", "--max-time", "20", "-D", headers, "-o", output, "-w", "%{http_version}", new Uri(proxy.Url, path).ToString());

        Assert.True(code == 0, stderr);
        Assert.Equal("2", stdout);
        var body = await File.ReadAllBytesAsync(output, Ct);
        Assert.Equal(Expected(path), body);
        var length = File.ReadAllLines(headers).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("content-length", StringComparison.OrdinalIgnoreCase)).Select(p => (long?)long.Parse(p[1].Trim())).FirstOrDefault();
        AssertFraming(mode, length, body.Length);
    }

    [Fact]
    public async Task An_https_listen_url_stays_tls_when_admin_listeners_are_bound_beside_it()
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        await using var origin = await OriginServer.StartAsync(Site);
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key, adminUrls: ["http://127.0.0.1:0"]);
        using var client = proxy.Client(certificate.Thumbprint, HttpVersion.Version20);

        using var response = await client.GetAsync("/page", Ct);

        Assert.Equal("https", proxy.Url.Scheme);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(Expected("/page"), await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_renewed_certificate_is_served_without_a_restart_and_a_broken_renewal_keeps_the_old_one()
    {
        using var first = TestCertificates.Create("CN=first");
        using var renewed = TestCertificates.Create("CN=renewed");
        using var stranger = TestCertificates.Create("CN=stranger");
        var (cert, key) = TestCertificates.WritePem(first, _directory);
        await using var origin = await OriginServer.StartAsync(Site);
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key);
        Assert.Equal(first.Thumbprint, await proxy.ServedThumbprintAsync(Ct));

        // Half a renewal: the new certificate beside a key that is not its own. The old pair keeps being served.
        TestCertificates.WriteCertificate(renewed, cert);
        TestCertificates.WriteKey(stranger, key);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        Assert.Equal(first.Thumbprint, await proxy.ServedThumbprintAsync(Ct));

        TestCertificates.WriteKey(renewed, key);
        var served = await WaitForThumbprintAsync(proxy, renewed.Thumbprint);
        Assert.Equal(renewed.Thumbprint, served);

        using var client = proxy.Client(renewed.Thumbprint, HttpVersion.Version20);
        using var response = await client.GetAsync("/page", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_intermediates_after_the_certificate_in_its_file_are_sent_in_the_handshake()
    {
        var (root, intermediate, leaf) = TestCertificates.CreateChain();
        using var _ = root;
        using var __ = intermediate;
        using var ___ = leaf;
        var (cert, key) = TestCertificates.WritePem(leaf, _directory);
        File.AppendAllText(cert, intermediate.ExportCertificatePem() + "\n");
        await using var origin = await OriginServer.StartAsync(Site);
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key);

        var (served, chain) = await proxy.HandshakeAsync(Ct);

        Assert.Equal(leaf.Thumbprint, served);
        Assert.Equal([leaf.Thumbprint, intermediate.Thumbprint], chain.Take(2));
    }

    [Fact]
    public async Task Without_quic_one_log_line_says_why_http3_is_off_and_http2_is_served()
    {
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()) && System.Net.Quic.QuicListener.IsSupported)
        {
            Assert.Skip("this machine has QUIC (libmsquic), so HTTP/3 is on");
        }

        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        await using var origin = await OriginServer.StartAsync(Site);
        var capture = new CapturingLoggerProvider();
        await using var proxy = await TlsProxyServer.StartAsync(origin.Url, cert, key, capture);
        using var client = proxy.Client(certificate.Thumbprint, HttpVersion.Version20);
        using var response = await client.GetAsync("/page", Ct);

        var line = Assert.Single(capture.Entries, e => e.Message.Contains("HTTP/3", StringComparison.Ordinal));
        Assert.Equal("HTTP/3 is off: QUIC is not available on this machine (install libmsquic to serve HTTP/3); https:// serves HTTP/1.1 and HTTP/2", line.Message);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    private static async Task<string> WaitForThumbprintAsync(TlsProxyServer proxy, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string served;
        do
        {
            served = await proxy.ServedThumbprintAsync(Ct);
            if (served == expected)
            {
                break;
            }

            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);
        return served;
    }

    private static async Task<string?> CurlHttp2Problem()
    {
        try
        {
            var (code, stdout, _) = await RunAsync("curl", "-V");
            return code == 0 && stdout.Contains("HTTP2", StringComparison.Ordinal) ? null : "curl is installed without HTTP/2 support";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "curl is not installed";
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, params string[] args)
    {
        var result = await ChildProcess.RunAsync(file, TimeSpan.FromSeconds(30), Ct, args);
        Assert.False(result.TimedOut, $"{file} did not finish within 30 s");
        return (result.Code, result.Stdout, result.Stderr);
    }
}
