using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

/// <summary>
/// docs/configuration.md and the starter config cannot drift from the loader: the keys are found by running the
/// binders, so a key added to a binder fails here until it is documented.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

    public static TheoryData<string> Sections() => [.. ConfigLoader.Sections];

    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        foreach (var (section, key) in ConfigLoader.KnownKeys())
        {
            data.Add(section, key);
        }

        return data;
    }

    [Fact]
    public void The_binders_report_the_keys_they_accept()
    {
        var keys = ConfigLoader.KnownKeys();

        Assert.Contains(("publisher", "origin_url"), keys);
        Assert.Contains(("logging", "format"), keys);
        Assert.Contains(("telemetry", "otlp_endpoint"), keys);
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_section_is_documented_and_in_the_starter_config(string section)
    {
        Assert.Contains($"## `[{section}]`", Reference, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^\[{Regex.Escape(section)}\]\s*$", StarterConfig.Text);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_is_documented_and_in_the_starter_config(string section, string key)
    {
        Assert.Contains($"| `{key}` |", SectionOf(Reference, $"## `[{section}]`", "\n## "), StringComparison.Ordinal);
        Assert.Matches($@"(?m)^#? ?{Regex.Escape(key)} = ", SectionOf(StarterConfig.Text, $"[{section}]", "\n["));
    }

    [Fact]
    public void Every_documented_key_is_accepted_by_the_loader()
    {
        var known = ConfigLoader.KnownKeys().ToHashSet();
        var documented = new List<(string, string)>();
        foreach (var section in ConfigLoader.Sections)
        {
            foreach (Match row in KeyRow().Matches(SectionOf(Reference, $"## `[{section}]`", "\n## ")))
            {
                documented.Add((section, row.Groups[1].Value));
            }
        }

        Assert.NotEmpty(documented);
        Assert.All(documented, entry => Assert.Contains(entry, known));
        Assert.DoesNotMatch(@"(?m)^## `\[(?!(" + string.Join("|", ConfigLoader.Sections.Select(Regex.Escape)) + @")\])", Reference);
    }

    [Fact]
    public void The_starter_config_validates_clean()
    {
        var result = ConfigLoader.Load(StarterConfig.Text, "starter", null);

        Assert.Empty(result.Errors);
    }

    private static string SectionOf(string text, string heading, string nextHeading)
    {
        var start = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{heading} not found");
        var end = text.IndexOf(nextHeading, start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustedServer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (TrustedServer.slnx) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?m)^\| `([a-z0-9_]+)` \|")]
    private static partial Regex KeyRow();
}
