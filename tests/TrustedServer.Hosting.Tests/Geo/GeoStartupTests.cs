using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Cli;

namespace TrustedServer.Hosting.Tests.Geo;

/// <summary>A <c>[geo] database</c> that is gone stops <c>config validate</c> and startup, naming the key.</summary>
public sealed class GeoStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-geo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Config_validate_exits_1_for_a_missing_database()
    {
        var file = Path.Combine(_directory, "ts.toml");
        await File.WriteAllTextAsync(file, $"""
            [publisher]
            domain = "www.example.com"
            origin_url = "https://origin.example.com"
            [geo]
            database = '{Path.Combine(_directory, "gone.mmdb")}'
            """, TestContext.Current.CancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["config", "validate", file], stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Contains("geo.database", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_fails_naming_geo_database_when_the_file_is_gone()
    {
        var options = Infrastructure.TestOptions.For(new Uri("http://127.0.0.1:9")) with
        {
            Geo = new GeoOptions { Database = Path.Combine(_directory, "gone.mmdb") },
        };

        var ex = Assert.Throws<InvalidOperationException>(() => TrustedServerApp.Build(options, ["http://127.0.0.1:0"]));

        Assert.StartsWith("geo.database: ", ex.Message, StringComparison.Ordinal);
    }
}
