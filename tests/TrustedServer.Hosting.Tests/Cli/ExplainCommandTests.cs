using TrustedServer.Hosting.Cli;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Cli;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-explain-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("/page.html", "Stream (Html)", "200, ")]
    [InlineData("https://www.example.com/img.png", "PassThrough (", "200, 3000 body bytes")]
    [InlineData("/nope?x=1", "Buffered (Html)", "404, ")]
    public async Task Explain_reports_the_mode_its_reason_header_changes_and_timings(string url, string mode, string client)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var origin = await SmallSite.StartAsync();
        var config = Path.Combine(_directory, "trusted-server.toml");
        await File.WriteAllTextAsync(config, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "{origin.Url.GetLeftPart(UriPartial.Authority)}"
            """, cancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["explain", url, "--config", config], stdout, stderr, cancellationToken);

        var output = stdout.ToString();
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("GET " + url, output, StringComparison.Ordinal);
        Assert.Contains("  delivery:  " + mode, output, StringComparison.Ordinal);
        Assert.Contains("  client:    " + client, output, StringComparison.Ordinal);
        Assert.Contains("+ x-ts-version", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("urls mapped: ", output, StringComparison.Ordinal);
        Assert.Matches(@"origin ttfb \d+\.\d ms, total \d+\.\d ms", output);
    }

    [Fact]
    public async Task Explain_rejects_a_target_that_is_neither_a_url_nor_a_path()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var config = Path.Combine(_directory, "c.toml");
        await File.WriteAllTextAsync(config, "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"http://127.0.0.1:9\"\n", TestContext.Current.CancellationToken);

        var code = await CommandLine.RunAsync(["explain", "ftp://x/y", "--config", config], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("cannot explain", stderr.ToString(), StringComparison.Ordinal);
    }
}
