using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>The default (plain) log format as an operator reads it on the process's stdout.</summary>
public sealed class PlainLogFormatTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-plainlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_request_line_has_a_dated_zoned_timestamp_the_status_after_an_arrow_and_no_event_id()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("missing", context.RequestAborted);
        });
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "{origin.Url.GetLeftPart(UriPartial.Authority)}"
            [logging]
            level = "information"
            """, cancellationToken);

        using var server = ServerProcess.Start(["serve", "--config", file, "--urls", "http://127.0.0.1:0"]);
        var url = await server.WaitForListenUrlAsync();
        using (var client = new HttpClient())
        {
            using var response = await client.GetAsync(new Uri(url, "/missing?token=secret"), cancellationToken);
            Assert.Equal(StatusCodes.Status404NotFound, (int)response.StatusCode);
        }

        var line = await server.WaitForLineAsync(l => l.Contains("TrustedServer.Requests", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info TrustedServer\.Requests: GET /missing -> 404 ok, [a-z]+, \d+ bytes, [\d.]+ ms \(origin ttfb [\d.]+ ms\), request [0-9a-f]{32}$", line);
        Assert.DoesNotContain("[", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }
}
