using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class GppDecoderTests
{
    [Fact]
    public void A_legacy_usnat_section_keeps_its_short_lists_as_the_reference_library_does()
    {
        // Encoded by @iabgpp/cmpapi 3.2.0 with Version 1 (12 sensitive-data entries, 2 known-child entries).
        Assert.True(GppDecoder.TryDecode("DBABLA~BAAQYYYZkgA.QA", out var gpp, out var error), error);
        var usnat = Assert.Single(gpp.UsSections);
        Assert.Equal(1, usnat.Get("Version"));
        Assert.Equal([1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 1], usnat.Fields.Single(f => f.Name == "SensitiveDataProcessing").Values!);
        Assert.Equal([2, 1], usnat.Fields.Single(f => f.Name == "KnownChildSensitiveDataConsents").Values!);
        Assert.Equal(2, usnat.Get("MspaCoveredTransaction"));
        Assert.True(usnat.SaleOptOut);
        Assert.True(gpp.UsSaleOptOut);
        Assert.False(usnat.Gpc);
    }

    [Fact]
    public void The_us_sale_opt_out_fold_prefers_any_opt_out_then_any_explicit_no()
    {
        Assert.True(GppDecoder.TryDecode("DBABBg~BBooCCio.QA", out var gpp, out _));
        Assert.False(gpp.UsSaleOptOut);
        Assert.True(GppDecoder.TryDecode("DBABRg~BVQpKZk", out gpp, out _));
        Assert.True(gpp.UsSaleOptOut);
        var header = new BitStringBuilder().Int(3, 6).Int(1, 6).Int(1, 12).Bool(true).Fibonacci(8).Fibonacci(1).ToBase64Url();
        Assert.True(GppDecoder.TryDecode(header + "~BBooCCio.QA~BVQpKZk", out gpp, out var error), error);
        Assert.Equal([8, 9], gpp.SectionIds);
        Assert.True(gpp.UsSaleOptOut);
    }

    [Fact]
    public void Unknown_sections_are_kept_raw_and_a_bad_section_is_reported_not_fatal()
    {
        var header = new BitStringBuilder().Int(3, 6).Int(1, 6).Int(2, 12).Bool(false).Fibonacci(5).Bool(false).Fibonacci(3).ToBase64Url();
        Assert.StartsWith("DB", header);
        Assert.True(GppDecoder.TryDecode(header + "~BPXuQIAPXuQIAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN", out var gpp, out var error), error);
        Assert.Equal([5, 8], gpp.SectionIds);
        Assert.Equal(5, Assert.Single(gpp.RawSections).Id);
        Assert.Equal(8, Assert.Single(gpp.SectionErrors).Id);
        Assert.Empty(gpp.UsSections);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DB")]
    [InlineData("CBABLA~BAAQYYYZkgA")]
    [InlineData("DBABLA")]
    [InlineData("DBABLA~")]
    [InlineData("DBABLA~ ")]
    [InlineData("DBABLA~BAAQYYYZkgA~BAAQYYYZkgA")]
    [InlineData("DB+BLA~BAAQYYYZkgA")]
    public void Malformed_gpp_strings_are_rejected(string input)
    {
        Assert.False(GppDecoder.TryDecode(input, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_header_claiming_an_absurd_section_range_is_rejected_without_expanding_it()
    {
        var header = new BitStringBuilder().Int(3, 6).Int(1, 6).Int(1, 12).Bool(true).Fibonacci(1).Fibonacci(500).ToBase64Url();
        Assert.False(GppDecoder.TryDecode(header + "~A", out _, out var error));
        Assert.Contains("more than", error);
    }

    [Fact]
    public void A_header_with_a_huge_section_id_is_rejected()
    {
        var header = new BitStringBuilder().Int(3, 6).Int(1, 6).Int(1, 12).Bool(false).Fibonacci(2_000_000_000).ToBase64Url();
        Assert.False(GppDecoder.TryDecode(header + "~A", out _, out var error));
        Assert.Contains("out of range", error);
    }

    [Fact]
    public void Strings_longer_than_the_cap_are_rejected()
    {
        Assert.False(GppDecoder.TryDecode("DBABLA~" + new string('A', GppDecoder.MaxLength), out _, out var error));
        Assert.Contains("longer", error);
    }

    [Theory]
    [InlineData("2,6", new[] { 2, 6 })]
    [InlineData("7", new[] { 7 })]
    [InlineData(" 2 , 8 ", new[] { 2, 8 })]
    public void The_section_id_cookie_parses_comma_lists(string value, int[] expected) =>
        Assert.Equal(expected, GppDecoder.ParseSectionIdCookie(value));

    [Theory]
    [InlineData("")]
    [InlineData("2,,6")]
    [InlineData("x")]
    [InlineData("-1")]
    public void A_malformed_section_id_cookie_is_null(string value) => Assert.Null(GppDecoder.ParseSectionIdCookie(value));
}
