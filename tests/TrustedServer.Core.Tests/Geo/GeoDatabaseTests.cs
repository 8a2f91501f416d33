using System.Net;
using MaxMind.Db;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Geo;

namespace TrustedServer.Core.Tests.Geo;

public sealed class GeoDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ts-geo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(MmdbWriter writer)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".mmdb");
        File.WriteAllBytes(path, writer.Build());
        return path;
    }

    private static MmdbWriter Sample() => new MmdbWriter()
        .Add("127.0.0.1", MmdbWriter.City("DE"))
        .Add("192.0.2.0/24", MmdbWriter.City("FR"))
        .Add("198.51.100.0/24", MmdbWriter.City("US", "CA"))
        .Add("2001:db8::/32", MmdbWriter.City("GB", "ENG"));

    private static ConfigLoadResult LoadWithDatabase(string path) => ConfigLoader.Load(
        $"""
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"
        [geo]
        database = '{path}'
        """,
        "test.toml",
        null);

    [Fact]
    public void The_test_writer_produces_a_file_the_MaxMind_reader_reads_back()
    {
        using var reader = new Reader(Write(Sample()), FileAccessMode.Memory);

        var de = reader.Find<Dictionary<string, object>>(IPAddress.Parse("127.0.0.1"));
        var ca = reader.Find<Dictionary<string, object>>(IPAddress.Parse("198.51.100.77"));
        var gb = reader.Find<Dictionary<string, object>>(IPAddress.Parse("2001:db8::1"));

        Assert.Equal("GeoIP2-City", reader.Metadata.DatabaseType);
        Assert.Equal(6, reader.Metadata.IPVersion);
        Assert.Equal(["en"], reader.Metadata.Languages);
        Assert.Equal("DE", ((Dictionary<string, object>)de!["country"])["iso_code"]);
        Assert.Equal("US", ((Dictionary<string, object>)ca!["country"])["iso_code"]);
        var subdivision = (Dictionary<string, object>)((List<object>)ca["subdivisions"])[0];
        Assert.Equal("CA", subdivision["iso_code"]);
        Assert.Equal("GB", ((Dictionary<string, object>)gb!["country"])["iso_code"]);
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("127.0.0.2")));
        Assert.Null(reader.Find<Dictionary<string, object>>(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Lookup_returns_country_and_first_subdivision_and_null_where_the_file_has_none()
    {
        using var database = GeoDatabase.Open(Write(Sample()));

        Assert.Equal(new GeoLocation("DE", null), database.Lookup(IPAddress.Parse("127.0.0.1")));
        Assert.Equal(new GeoLocation("DE", null), database.Lookup(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal(new GeoLocation("FR", null), database.Lookup(IPAddress.Parse("192.0.2.200")));
        Assert.Equal(new GeoLocation("US", "CA"), database.Lookup(IPAddress.Parse("198.51.100.1")));
        Assert.Equal(new GeoLocation("GB", "ENG"), database.Lookup(IPAddress.Parse("2001:db8:1::5")));
        Assert.Null(database.Lookup(IPAddress.Parse("10.1.2.3")));
        Assert.Null(database.Lookup(IPAddress.Parse("::1")));
        Assert.Equal("GeoIP2-City", database.DatabaseType);
    }

    [Fact]
    public void An_IPv4_only_database_answers_IPv4_and_treats_IPv6_as_unknown()
    {
        var path = Write(new MmdbWriter(ipVersion: 4).Add("198.51.100.0/24", MmdbWriter.City("US", "TX")));
        using var reader = new Reader(path, FileAccessMode.Memory);
        using var database = GeoDatabase.Open(path);

        Assert.Equal(4, reader.Metadata.IPVersion);
        Assert.Equal(new GeoLocation("US", "TX"), database.Lookup(IPAddress.Parse("198.51.100.9")));
        Assert.Equal(new GeoLocation("US", "TX"), database.Lookup(IPAddress.Parse("::ffff:198.51.100.9")));
        Assert.Null(database.Lookup(IPAddress.Parse("2001:db8::1")));
        Assert.Null(database.Lookup(IPAddress.Parse("198.51.101.1")));
    }

    [Fact]
    public void A_record_without_a_country_is_no_location()
    {
        var path = Write(new MmdbWriter().Add("203.0.113.0/24", new Dictionary<string, object> { ["continent"] = new Dictionary<string, object> { ["code"] = "EU" } }));
        using var database = GeoDatabase.Open(path);

        Assert.Null(database.Lookup(IPAddress.Parse("203.0.113.9")));
    }

    [Fact]
    public void Config_accepts_a_valid_database_file()
    {
        var result = LoadWithDatabase(Write(Sample()));

        Assert.True(result.Success, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Config_rejects_a_missing_database_file_naming_geo_database()
    {
        var path = Path.Combine(_directory, "missing.mmdb");

        var result = LoadWithDatabase(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("geo.database", error.Key);
        Assert.Equal(5, error.Line);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not a MaxMind database")]
    public void Config_rejects_a_file_that_is_not_an_mmdb(string content)
    {
        var path = Path.Combine(_directory, "bad.mmdb");
        File.WriteAllText(path, content);

        var result = LoadWithDatabase(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("geo.database", error.Key);
        Assert.Contains("is not a valid MaxMind DB (.mmdb) file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_rejects_a_truncated_database()
    {
        var bytes = Sample().Build();
        var path = Path.Combine(_directory, "truncated.mmdb");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);

        var result = LoadWithDatabase(path);

        Assert.Equal("geo.database", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Config_rejects_a_database_without_countries_and_accepts_country_and_combined_databases()
    {
        var asn = Path.Combine(_directory, "asn.mmdb");
        File.WriteAllBytes(asn, Sample().Build("GeoLite2-ASN"));
        var country = Path.Combine(_directory, "country.mmdb");
        File.WriteAllBytes(country, new MmdbWriter().Add("192.0.2.0/24", MmdbWriter.City("FR")).Build("GeoLite2-Country"));

        var combined = Path.Combine(_directory, "city-isp.mmdb");
        File.WriteAllBytes(combined, Sample().Build("GeoIP2-City-ISP-Org"));

        var rejected = LoadWithDatabase(asn);
        var accepted = LoadWithDatabase(country);
        var acceptedCombined = LoadWithDatabase(combined);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("geo.database", error.Key);
        Assert.Contains("GeoLite2-ASN database, which has no countries", error.Message, StringComparison.Ordinal);
        Assert.True(accepted.Success, string.Join("\n", accepted.Errors));
        Assert.True(acceptedCombined.Success, string.Join("\n", acceptedCombined.Errors));
    }
}
