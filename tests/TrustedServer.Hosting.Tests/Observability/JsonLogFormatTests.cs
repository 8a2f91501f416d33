using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>With <c>[logging] format = "json"</c>, a log shipper reading the process's stdout sees only JSON objects.</summary>
public sealed class JsonLogFormatTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-jsonlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_stdout_line_of_the_server_is_one_json_object()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><head></head><body>hi</body></html>", context.RequestAborted);
        });
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "{origin.Url.GetLeftPart(UriPartial.Authority)}"
            [logging]
            level = "information"
            format = "json"
            """, TestContext.Current.CancellationToken);

        using var server = ServerProcess.Start(["serve", "--config", file, "--urls", "http://127.0.0.1:0"]);
        var url = await server.WaitForListenUrlAsync();
        using (var client = new HttpClient())
        {
            Assert.Equal("ok", await client.GetStringAsync(new Uri(url, "/_ts/health"), TestContext.Current.CancellationToken));
            await client.GetStringAsync(url, TestContext.Current.CancellationToken);
        }

        await server.WaitForLineAsync(line => line.Contains("TrustedServer.Requests", StringComparison.Ordinal) && line.Contains("GET /", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var lines = server.Stdout;
        Assert.True(lines.Count >= 3, string.Join('\n', lines));
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        });
    }
}
