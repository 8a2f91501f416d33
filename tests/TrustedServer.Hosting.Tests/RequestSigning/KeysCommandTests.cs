using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Tests.RequestSigning;

public sealed class KeysCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-keys-cli-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Generate_list_rotate_and_deactivate_work_on_the_configured_store()
    {
        var config = await WriteConfigAsync(SigningHarness.Passphrase);

        var generated = await RunAsync("keys", "generate", "--config", config, "--kid", "cli-first");
        var again = await RunAsync("keys", "generate", "--config", config);
        var rotated = await RunAsync("keys", "rotate", "--config", config, "--kid", "cli-second");
        var refused = await RunAsync("keys", "deactivate", "--config", config, "--kid", "cli-second");
        var deleted = await RunAsync("keys", "deactivate", "--config", config, "--kid", "cli-first", "--delete");
        var listed = await RunAsync("keys", "list", "--config", config);
        var badKid = await RunAsync("keys", "rotate", "--config", config, "--kid", "Bad/Kid");
        var usage = await RunAsync("keys", "deactivate", "--config", config);

        Assert.Equal(0, generated.Code);
        Assert.Contains("cli-first", generated.Out, StringComparison.Ordinal);
        Assert.Equal(1, again.Code);
        Assert.Contains("keys rotate", again.Err, StringComparison.Ordinal);
        Assert.Equal(0, rotated.Code);
        Assert.Equal(1, refused.Code);
        Assert.Contains("current", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, deleted.Code);
        Assert.Equal(0, listed.Code);
        Assert.StartsWith("cli-second\tcurrent\t", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-first", listed.Out, StringComparison.Ordinal);
        Assert.Equal(1, badKid.Code);
        Assert.Equal(2, usage.Code);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_an_error_naming_it()
    {
        var right = await WriteConfigAsync(SigningHarness.Passphrase);
        Assert.Equal(0, (await RunAsync("keys", "generate", "--config", right)).Code);
        var wrong = await WriteConfigAsync("a-different-long-passphrase", "wrong.toml");

        var result = await RunAsync("keys", "list", "--config", wrong);

        Assert.Equal(1, result.Code);
        Assert.Contains("passphrase", result.Err, StringComparison.Ordinal);
    }

    private async Task<string> WriteConfigAsync(string passphrase, string name = "trusted-server.toml")
    {
        var path = Path.Combine(_dir, name);
        await File.WriteAllTextAsync(path, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com"

            [request_signing]
            enabled = true
            key_store = "file://{Path.Combine(_dir, "keys.json")}"
            passphrase = "{passphrase}"
            admin_endpoints = false
            """, Ct);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, Ct);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
