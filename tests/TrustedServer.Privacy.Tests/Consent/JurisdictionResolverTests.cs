using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class JurisdictionResolverTests
{
    [Theory]
    [InlineData(null, null, "unknown")]
    [InlineData("", null, "unknown")]
    [InlineData("XX", null, "unknown")]
    [InlineData("T1", null, "unknown")]
    [InlineData("DE", null, "GDPR")]
    [InlineData("de", "BY", "GDPR")]
    [InlineData("GB", null, "GDPR")]
    [InlineData("NO", null, "GDPR")]
    [InlineData("CH", null, "non-regulated")]
    [InlineData("US", "CA", "US-CA")]
    [InlineData("US", "us-va", "US-VA")]
    [InlineData("US", " RI ", "US-RI")]
    [InlineData("US", "NY", "non-regulated")]
    [InlineData("US", null, "non-regulated")]
    [InlineData("CA", "QC", "non-regulated")]
    [InlineData("JP", null, "non-regulated")]
    public void Country_and_region_map_to_the_default_lists(string? country, string? region, string expected) =>
        Assert.Equal(expected, JurisdictionResolver.Resolve(country, region, new ConsentOptions()).ToString());

    [Fact]
    public void Configured_lists_replace_the_defaults()
    {
        var options = new ConsentOptions { GdprAppliesIn = new HashSet<string> { "CH" }, PrivacyStates = new HashSet<string> { "NY" } };
        Assert.Equal(Jurisdiction.Gdpr, JurisdictionResolver.Resolve("CH", null, options));
        Assert.Equal(Jurisdiction.NonRegulated, JurisdictionResolver.Resolve("DE", null, options));
        Assert.Equal(Jurisdiction.UsState("NY"), JurisdictionResolver.Resolve("US", "NY", options));
        Assert.Equal(Jurisdiction.Gdpr, JurisdictionResolver.Resolve("ch", null, options));
        Assert.Equal(Jurisdiction.UsState("NY"), JurisdictionResolver.Resolve("us", "ny", options));
    }

    [Fact]
    public void Geo_headers_are_read_by_their_configured_names()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["CF-IPCountry"] = "US", ["X-Region"] = "TX" };
        var geo = new GeoOptions { CountryHeader = "cf-ipcountry", RegionHeader = "x-region" };
        Assert.Equal(Jurisdiction.UsState("TX"), JurisdictionResolver.FromHeaders(n => headers.GetValueOrDefault(n), geo, new ConsentOptions()));
        Assert.Equal(Jurisdiction.Unknown, JurisdictionResolver.FromHeaders(n => headers.GetValueOrDefault(n), new GeoOptions(), new ConsentOptions()));
        Assert.Equal(Jurisdiction.Unknown, JurisdictionResolver.FromHeaders(_ => null, geo, new ConsentOptions()));
    }
}
