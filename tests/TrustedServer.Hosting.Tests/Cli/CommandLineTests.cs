using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Config_init_prints_a_starter_config_that_validates()
    {
        var (code, output, _) = await RunAsync("config", "init");
        var file = Path.Combine(_directory, "trusted-server.toml");
        await File.WriteAllTextAsync(file, output, TestContext.Current.CancellationToken);

        var validate = await RunAsync("config", "validate", file);

        Assert.Equal(0, code);
        Assert.Contains("[publisher]", output);
        Assert.Equal(0, validate.Code);
        Assert.Contains("valid", validate.Out);
    }

    [Fact]
    public async Task Config_init_writes_a_file_and_refuses_to_overwrite_it()
    {
        var file = Path.Combine(_directory, "out.toml");

        var first = await RunAsync("config", "init", "--output", file);
        var second = await RunAsync("config", "init", "--output", file);

        Assert.Equal(0, first.Code);
        Assert.Equal(StarterConfig.Text, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(1, second.Code);
    }

    [Fact]
    public async Task Config_validate_reports_every_error_with_its_line_and_exits_1()
    {
        var file = Path.Combine(_directory, "bad.toml");
        await File.WriteAllTextAsync(file, """
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com/path"
            max_buffered_body_bytes = -5
            typo = 1
            """, TestContext.Current.CancellationToken);

        var (code, _, errors) = await RunAsync("config", "validate", file);

        Assert.Equal(1, code);
        Assert.Contains("3 errors", errors);
        Assert.Contains($"{file}:3: publisher.origin_url", errors);
        Assert.Contains($"{file}:4: publisher.max_buffered_body_bytes", errors);
        Assert.Contains($"{file}:5: publisher.typo: unknown key", errors);
    }

    [Fact]
    public async Task Serve_with_an_invalid_config_exits_1_before_listening()
    {
        var file = Path.Combine(_directory, "bad.toml");
        await File.WriteAllTextAsync(file, "[publisher]\nunknown = true\n", TestContext.Current.CancellationToken);

        var (code, _, errors) = await RunAsync("serve", "--config", file, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, code);
        Assert.Contains("publisher.unknown", errors);
    }

    [Fact]
    public async Task Serve_without_a_config_runs_the_demo_until_cancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var output = new StringWriter();
        var stdout = TextWriter.Synchronized(output);
        var run = CommandLine.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], stdout, TextWriter.Null, stop.Token);

        string? url = null;
        for (var i = 0; i < 200 && url is null && !run.IsCompleted; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            string text;
            lock (stdout)
            {
                // The synchronized writer locks on itself, so this read never races a write.
                text = output.ToString();
            }

            var start = text.IndexOf("open http://", StringComparison.Ordinal);
            if (start >= 0)
            {
                url = text[(start + 5)..].Split(' ')[0];
            }
        }

        string health;
        string home;
        try
        {
            Assert.NotNull(url);
            using var client = new HttpClient();
            health = await client.GetStringAsync(new Uri(new Uri(url), "/_ts/health"), TestContext.Current.CancellationToken);
            home = await client.GetStringAsync(new Uri(url), TestContext.Current.CancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var code = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal("ok", health);
        Assert.Contains("The Example Gazette", home);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("serve", "--bogus", "x")]
    [InlineData("config", "validate")]
    public async Task Unknown_commands_print_usage_and_exit_2(params string[] args)
    {
        var (code, _, errors) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("Usage:", errors);
    }

    [Fact]
    public async Task Consent_decode_prints_a_TCF_string_as_indented_JSON()
    {
        var (code, output, _) = await RunAsync("consent", "decode", EdgeCookie.IdentityHarness.TcString(purpose1: true));

        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(0, code);
        Assert.Contains("\n", output, StringComparison.Ordinal);
        Assert.Equal(10, json.RootElement.GetProperty("cmpId").GetInt32());
    }

    [Theory]
    [InlineData("garbage!")]
    [InlineData("CAAAAA")]
    public async Task Consent_decode_exits_1_with_one_line_on_malformed_input(string input)
    {
        var (code, output, errors) = await RunAsync("consent", "decode", input);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.StartsWith("consent decode: ", errors, StringComparison.Ordinal);
    }
}
