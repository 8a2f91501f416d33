using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Tests.Configuration;
using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Cli;

/// <summary><c>serve --urls https://…</c> with and without a certificate, and <c>--version</c>.</summary>
public sealed class HttpsServeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-https-serve-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Config(Uri origin, string server = "")
    {
        var file = Path.Combine(_directory, "ts.toml");
        File.WriteAllText(file, $"[publisher]\ndomain = \"www.example.com\"\norigin_url = \"{origin}\"\n[server]\n{server}");
        return file;
    }

    [Fact]
    public async Task Serve_with_an_https_url_and_a_certificate_answers_over_http2()
    {
        using var certificate = TestCertificates.Create();
        var (cert, key) = TestCertificates.WritePem(certificate, _directory);
        await using var origin = await OriginServer.StartAsync(context => context.Response.WriteAsync("from the origin", context.RequestAborted));
        var file = Config(origin.Url, $"tls_certificate = \"{cert}\"\ntls_private_key = \"{key}\"\n");
        using var stdout = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = CommandLine.RunAsync(["serve", "--config", file, "--urls", "https://127.0.0.1:0"], stdout, TextWriter.Null, stop.Token);

        var url = await WaitForUrlAsync(stdout, run);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == certificate.Thumbprint },
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.GetAsync(new Uri(url, "/"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        await stop.CancelAsync();

        Assert.StartsWith("https://127.0.0.1:", url.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("from the origin", body);
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task An_https_url_without_a_certificate_is_one_line_naming_the_keys()
    {
        var file = Config(new Uri("http://127.0.0.1:9"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["serve", "--config", file, "--urls", "http://127.0.0.1:0;https://127.0.0.1:0"], stdout, stderr, Ct);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("--urls: \"https://127.0.0.1:0\" needs a certificate", line, StringComparison.Ordinal);
        Assert.Contains("[server] tls_certificate and tls_private_key", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public async Task Version_prints_the_informational_version_and_exits_0(string command)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync([command], stdout, stderr, Ct);

        var informational = typeof(TrustedServerApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, code);
        Assert.Equal($"trusted-server {informational}", stdout.ToString().TrimEnd());
        Assert.Matches(@"^\d+\.\d+\.\d+", informational);
        Assert.Empty(stderr.ToString());
    }

    private static async Task<Uri> WaitForUrlAsync(StringWriter stdout, Task<int> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            var text = stdout.ToString();
            var at = text.IndexOf(" at https://", StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf('\n', at) is var end and > 0)
            {
                return new Uri(text[(at + 4)..end].Trim());
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("serve did not print its https URL: " + stdout);
        return null!;
    }
}
