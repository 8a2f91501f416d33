using System.Text.Json;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class ConsentStringDecoderTests
{
    [Theory]
    [InlineData("DBABLA~BAAQYYYZkgA.QA", ConsentStringKind.Gpp)]
    [InlineData("1YNN", ConsentStringKind.UsPrivacy)]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA", ConsentStringKind.Tcf)]
    [InlineData("hello", ConsentStringKind.Unknown)]
    public void Kinds_are_detected_from_the_shape(string input, ConsentStringKind kind) => Assert.Equal(kind, ConsentStringDecoder.Detect(input));

    [Fact]
    public void A_tc_string_renders_with_iabtcf_field_names()
    {
        Assert.True(ConsentStringDecoder.TryDecodeToJson(BitStringBuilder.Tcf(lastUpdatedDs: 16_000_000_005), out var json, out var error), error);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("tcfeuv2", root.GetProperty("type").GetString());
        Assert.Equal(10, root.GetProperty("cmpId").GetInt32());
        Assert.Equal("EN", root.GetProperty("consentLanguage").GetString());
        Assert.Equal("2020-09-13T12:26:40.500Z", root.GetProperty("lastUpdated").GetString());
        Assert.Equal([1, 4], root.GetProperty("purposeConsents").EnumerateArray().Select(x => x.GetInt32()));
        foreach (var name in new[] { "cmpVersion", "consentScreen", "vendorListVersion", "policyVersion", "isServiceSpecific", "useNonStandardStacks", "specialFeatureOptins", "purposeLegitimateInterests", "purposeOneTreatment", "publisherCountryCode", "vendorConsents", "vendorLegitimateInterests", "publisherRestrictions", "created" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void A_gpp_string_renders_its_sections_by_name()
    {
        Assert.True(ConsentStringDecoder.TryDecodeToJson("DBABLA~BAAQYYYZkgA.QA", out var json, out _));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("gpp", doc.RootElement.GetProperty("type").GetString());
        Assert.True(doc.RootElement.GetProperty("usSaleOptOut").GetBoolean());
        Assert.Equal(1, doc.RootElement.GetProperty("sections").GetProperty("usnat").GetProperty("SaleOptOut").GetInt32());
    }

    [Fact]
    public void A_us_privacy_string_renders_its_flags()
    {
        Assert.True(ConsentStringDecoder.TryDecodeToJson(" 1YNN ", out var json, out _));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Y", doc.RootElement.GetProperty("Notice").GetString());
        Assert.Equal("1YNN", doc.RootElement.GetProperty("uspString").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("CAAA")]
    [InlineData("DBAB")]
    public void Unrecognised_or_malformed_input_returns_an_error(string input)
    {
        Assert.False(ConsentStringDecoder.TryDecodeToJson(input, out var json, out var error));
        Assert.Null(json);
        Assert.NotNull(error);
    }
}
