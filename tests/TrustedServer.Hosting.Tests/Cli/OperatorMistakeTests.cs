using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Tests.Cli;

/// <summary>The mistakes a new operator makes get one clear line, never a stack trace or a flood of errors.</summary>
public sealed class OperatorMistakeTests : IDisposable
{
    private const string Publisher = "[publisher]\ndomain = \"www.example.com\"\norigin_url = \"http://127.0.0.1:9\"\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("ts-mistakes-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, Ct);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("https://127.0.0.1:18443", "https")]
    [InlineData("18400", "http://HOST:PORT")]
    [InlineData("localhost:8080", "http://HOST:PORT")]
    [InlineData("http://127.0.0.1:8080/path", "http://HOST:PORT")]
    public async Task Serve_refuses_urls_it_cannot_listen_on_in_one_line(string urls, string explanation)
    {
        var (code, _, errors) = await RunAsync("serve", "--urls", urls);

        Assert.Equal(1, code);
        var line = Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.StartsWith("--urls: ", line, StringComparison.Ordinal);
        Assert.Contains(explanation, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_quote_reports_the_first_syntax_error_only_with_its_line_and_column()
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, """
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com"
            connect_timeout_ms = 5000

            [proxy]
            trusted_proxies = []
            allowed_domains = ["ads.example.com]
            allow_private_targets = false

            [logging]
            level = "information"
            format = "plain"
            """, Ct);

        var (code, _, errors) = await RunAsync("config", "validate", file);

        Assert.Equal(1, code);
        Assert.Contains("(1 error)", errors, StringComparison.Ordinal);
        Assert.Contains($"{file}:8: (syntax): column ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_file_is_refused_in_one_line()
    {
        var file = Path.Combine(_directory, "logo.png");
        var png = new byte[4096];
        new Random(7).NextBytes(png);
        "\x89PNG\r\n\x1a\n"u8.CopyTo(png);
        await File.WriteAllBytesAsync(file, png, Ct);

        var (code, _, errors) = await RunAsync("config", "validate", file);

        Assert.Equal(1, code);
        Assert.Contains("(1 error)", errors, StringComparison.Ordinal);
        Assert.Contains("is not UTF-8 text", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_is_named_as_a_directory()
    {
        var (code, _, errors) = await RunAsync("config", "validate", _directory);

        Assert.Equal(1, code);
        Assert.Contains("is a directory", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_section_in_an_environment_variable_names_the_variable()
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, Publisher, Ct);

        var result = ConfigLoader.LoadFile(file, new Dictionary<string, string?> { ["TRUSTED_SERVER__PUBLISHR__ORIGIN_URL"] = "http://127.0.0.1:9" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("TRUSTED_SERVER__PUBLISHR__ORIGIN_URL", error.Source);
        Assert.StartsWith("TRUSTED_SERVER__PUBLISHR__ORIGIN_URL: publishr: unknown section", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_file_path_store_is_accepted_by_validate_and_serve()
    {
        var store = Path.Combine(_directory, "ids.jsonl");
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, Publisher + $"[ec]\nenabled = true\npassphrase = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b\"\nstore = \"{store}\"\n", Ct);

        var validate = await RunAsync("config", "validate", file);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        using var output = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        using var errors = new StringWriter();
        var run = CommandLine.RunAsync(["serve", "--config", file, "--urls", "http://127.0.0.1:0"], stdout, errors, stop.Token);
        var url = await ListeningUrlAsync(output, stdout, run);
        string health;
        try
        {
            using var client = new HttpClient();
            health = await client.GetStringAsync(new Uri(new Uri(url), "/_ts/health"), Ct);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var code = await run.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(0, validate.Code);
        Assert.Equal("ok", health);
        Assert.Equal(0, code);
        Assert.Empty(errors.ToString());
    }

    private static async Task<string> ListeningUrlAsync(StringWriter output, TextWriter stdout, Task<int> run)
    {
        for (var i = 0; i < 400 && !run.IsCompleted; i++)
        {
            string text;
            lock (stdout)
            {
                // The synchronized writer locks on itself, so this read never races a write.
                text = output.ToString();
            }

            var start = text.IndexOf(" at http://", StringComparison.Ordinal);
            if (start >= 0)
            {
                return text[(start + 4)..].Split('\n')[0].Trim();
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("serve did not start: exit " + (run.IsCompleted ? run.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none"));
        return string.Empty;
    }
}
