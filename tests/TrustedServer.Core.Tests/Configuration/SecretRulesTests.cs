using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed partial class SecretRulesTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private const string LongSecret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("[publisher]", "proxy_secret", "...")]
    [InlineData("[publisher]", "proxy_secret", "abc")]
    [InlineData("[publisher]", "proxy_secret", "a long random secret")]
    [InlineData("[publisher]", "proxy_secret", "change-me-proxy-secret")]
    [InlineData("[ec]", "passphrase", "...")]
    [InlineData("[ec]", "passphrase", "a long random secret")]
    [InlineData("[ec]", "passphrase", "only-twenty-six-bytes-long")]
    [InlineData("[ec]", "admin_password", "...")]
    [InlineData("[ec]", "admin_password", "short-password")]
    [InlineData("[[ec.partners]]", "api_token", "a-long-random-bearer-token")]
    [InlineData("[[ec.partners]]", "api_token", "fifteen-bytes!!")]
    public void Placeholders_and_short_secrets_are_refused_with_their_key(string table, string key, string value)
    {
        var body = table switch
        {
            "[publisher]" => $"{key} = \"{value}\"\n",
            "[ec]" => $"[ec]\nadmin_username = \"ops\"\n{(key == "admin_password" ? string.Empty : "admin_password = \"" + LongSecret + "\"\n")}{key} = \"{value}\"\n",
            _ => $"[[ec.partners]]\nname = \"A\"\nsource_domain = \"a.example\"\n{key} = \"{value}\"\n",
        };

        var result = ConfigLoader.Load(Publisher + body, "test.toml", null);

        var expectedKey = table switch
        {
            "[publisher]" => "publisher." + key,
            "[ec]" => "ec." + key,
            _ => "ec.partners[0]." + key,
        };
        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedKey, error.Key);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_random_secrets_are_accepted_in_every_secret_key()
    {
        var result = ConfigLoader.Load(Publisher + $"""
            proxy_secret = "{LongSecret}"
            [ec]
            enabled = true
            passphrase = "{LongSecret}"
            admin_username = "ops"
            admin_password = "k3P9-vQ2x-77aZ-mmT4"
            [[ec.partners]]
            name = "A"
            source_domain = "a.example"
            api_token = "Zr8qL2vN6pX0wB4m"
            """, "test.toml", null);

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData(31, false)]
    [InlineData(32, true)]
    public void The_minimum_is_counted_in_utf8_bytes(int bytes, bool accepted)
    {
        // "é" is two bytes: the value's character count is below the minimum either way.
        var value = "k" + new string('é', (bytes - 1) / 2) + (bytes % 2 == 0 ? "z" : string.Empty);

        Assert.Equal(accepted, SecretRules.Check(value, SecretRules.SecretMinimumBytes) is null);
    }

    [Fact]
    public void Every_example_secret_in_the_readme_docs_and_starter_config_is_refused()
    {
        var sources = new[]
        {
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")),
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md")),
            StarterConfig.Text,
        };

        var examples = sources.SelectMany(text => SecretExample().Matches(text)).Select(m => m.Groups[2].Value).Distinct().ToList();

        Assert.True(examples.Count >= 5, "expected the docs to show example secrets; found " + string.Join(", ", examples));
        foreach (var example in examples)
        {
            Assert.True(SecretRules.Check(example, SecretRules.TokenMinimumBytes) is not null, $"\"{example}\" from the docs would be accepted as a secret");
        }
    }

    [GeneratedRegex(@"\b(proxy_secret|passphrase|admin_password|api_token|metrics_token)\s*=\s*""([^""]*)""")]
    private static partial Regex SecretExample();
}
