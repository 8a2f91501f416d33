using System.Net;
using System.Net.Http.Headers;
using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Tests.Cli;

/// <summary>
/// <c>serve</c> with <c>[server] admin_urls</c> and <c>metrics_token</c> from a file: both listeners, each named on
/// stdout; the demo's own token, printed with the command that scrapes it.
/// </summary>
public sealed class AdminListenerServeTests : IDisposable
{
    private const string Token = "Zr8qL2vN6pX0wB4m-serve";

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-admin-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Serve_names_the_public_and_the_admin_listener_and_metrics_follow_the_file()
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"[server]\nadmin_urls = [\"http://127.0.0.1:0\"]\nmetrics_token = \"{Token}\"\n[publisher]\ndomain = \"www.example.com\"\norigin_url = \"http://127.0.0.1:9\"\n", Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        using var output = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        var run = CommandLine.RunAsync(["serve", "--config", file, "--urls", "http://127.0.0.1:0"], stdout, TextWriter.Null, stop.Token);

        string[] lines = [];
        for (var i = 0; i < 400 && !run.IsCompleted && lines.Length < 2; i++)
        {
            await Task.Delay(50, Ct);
            lock (stdout)
            {
                lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        HttpStatusCode adminMetrics, publicMetrics, publicWithToken;
        try
        {
            Assert.Equal(2, lines.Length);
            var publicUrl = new Uri(lines[0][(lines[0].LastIndexOf(" at ", StringComparison.Ordinal) + 4)..]);
            var adminUrl = new Uri(lines[1][(lines[1].LastIndexOf(" at ", StringComparison.Ordinal) + 4)..]);
            Assert.StartsWith("Trusted Server is proxying http://127.0.0.1:9/ at http://127.0.0.1:", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("Admin listener (/_ts/metrics, /_ts/admin/*, /_ts/health) at http://127.0.0.1:", lines[1], StringComparison.Ordinal);
            Assert.NotEqual(publicUrl.Port, adminUrl.Port);

            using var client = new HttpClient();
            adminMetrics = await StatusAsync(client, new Uri(adminUrl, "/_ts/metrics"), null);
            publicMetrics = await StatusAsync(client, new Uri(publicUrl, "/_ts/metrics"), null);
            publicWithToken = await StatusAsync(client, new Uri(publicUrl, "/_ts/metrics"), Token);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal(HttpStatusCode.OK, adminMetrics);
        Assert.Equal(HttpStatusCode.NotFound, publicMetrics);
        Assert.Equal(HttpStatusCode.OK, publicWithToken);
    }

    [Fact]
    public async Task The_demo_prints_a_metrics_command_that_works()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        using var output = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        var run = CommandLine.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], stdout, TextWriter.Null, stop.Token);

        string? line = null;
        for (var i = 0; i < 400 && !run.IsCompleted && line is null; i++)
        {
            await Task.Delay(50, Ct);
            lock (stdout)
            {
                line = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("Metrics: curl ", StringComparison.Ordinal))?.Trim();
            }
        }

        HttpStatusCode withToken, without;
        try
        {
            Assert.NotNull(line);
            var token = line.Split("Bearer ")[1].Split('\'')[0];
            var url = new Uri(line.Split(' ')[^1]);
            using var client = new HttpClient();
            withToken = await StatusAsync(client, url, token);
            without = await StatusAsync(client, url, null);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal(HttpStatusCode.OK, withToken);
        Assert.Equal(HttpStatusCode.NotFound, without);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
