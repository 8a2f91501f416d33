using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class TcfDecoderTests
{
    // A TC string from the IAB documentation examples (core plus disclosed-vendors segments).
    private const string Known = "COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA.IFoEUQQgAIQwgIwQABAEAAAAOIAACAIAAAAQAIAgEAACEAAAAAgAQBAAAAAAAGBAAgAAAAAAAAFAAECAAAgAAQARAEQAAAAAJAAIAAgAAAYQEAAAQmAgBC3ZAYzUw";

    [Fact]
    public void A_documented_example_string_decodes()
    {
        Assert.True(TcfDecoder.TryDecode(Known, out var tcf, out var error), error);
        Assert.Equal(2, tcf.Version);
        Assert.Equal("EN", tcf.ConsentLanguage);
        Assert.NotNull(tcf.VendorsDisclosed);
    }

    [Fact]
    public void A_hand_built_string_exposes_purpose_one_and_four()
    {
        Assert.True(TcfDecoder.TryDecode(BitStringBuilder.Tcf(purpose1: true, purpose4: false), out var tcf, out _));
        Assert.True(tcf.HasStorageConsent);
        Assert.False(tcf.HasPersonalizedAdsConsent);
        Assert.Equal("DE", tcf.PublisherCountryCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("C")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA+")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA=")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA.")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA..IFoEUQQgAIQwgIwQAB")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAA")]
    [InlineData("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA.COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA")]
    [InlineData("COvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA.IFoEUQQgAIQwgIwQAB.IFoEUQQgAIQwgIwQAB")]
    [InlineData("CÖvFyGBOvFyGBAbAAAENAPCAAOAAAAAAAAAAAEEUACCKAAA")]
    public void Malformed_strings_are_rejected_with_an_error(string input)
    {
        Assert.False(TcfDecoder.TryDecode(input, out var tcf, out var error));
        Assert.Null(tcf);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Every_truncation_of_a_valid_string_is_rejected_or_decodes_without_throwing()
    {
        for (var i = 0; i < Known.Length; i++)
        {
            _ = TcfDecoder.TryDecode(Known.AsSpan(0, i), out _, out _);
        }
    }

    [Fact]
    public void Strings_longer_than_the_cap_are_rejected_before_decoding()
    {
        var huge = Known + "." + new string('A', TcfDecoder.MaxLength);
        Assert.False(TcfDecoder.TryDecode(huge, out _, out var error));
        Assert.Contains("longer", error);
    }

    [Fact]
    public void A_vendor_range_to_65535_repeated_thousands_of_times_decodes_quickly_into_one_bounded_set()
    {
        var b = BitStringBuilder.TcfCoreHeader().Int(65535, 16).Bool(true).Int(1400, 12);
        for (var i = 0; i < 1400; i++)
        {
            b.Bool(true).Int(1, 16).Int(65535, 16);
        }

        b.Int(0, 16).Bool(false).Int(0, 12);
        var s = b.ToBase64Url();
        Assert.True(s.Length <= TcfDecoder.MaxLength);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(TcfDecoder.TryDecode(s, out var tcf, out var error), error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(65535, tcf.VendorConsents.Count);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_claimed_restriction_count_larger_than_the_string_is_rejected_without_allocating_for_it()
    {
        var s = BitStringBuilder.TcfCoreHeader().Int(0, 16).Bool(false).Int(0, 16).Bool(false).Int(4095, 12).ToBase64Url();
        Assert.False(TcfDecoder.TryDecode(s, out _, out var error));
        Assert.Contains("restriction", error);
    }

    [Fact]
    public void A_claimed_bit_field_longer_than_the_string_is_rejected()
    {
        var s = BitStringBuilder.TcfCoreHeader().Int(65535, 16).Bool(false).Int(0, 100).ToBase64Url();
        Assert.False(TcfDecoder.TryDecode(s, out _, out var error));
        Assert.Contains("truncated", error);
    }

    [Fact]
    public void Inverted_and_zero_vendor_ranges_are_rejected()
    {
        var inverted = BitStringBuilder.TcfCoreHeader().Int(100, 16).Bool(true).Int(1, 12).Bool(true).Int(50, 16).Int(10, 16)
            .Int(0, 16).Bool(false).Int(0, 12).ToBase64Url();
        var zero = BitStringBuilder.TcfCoreHeader().Int(100, 16).Bool(true).Int(1, 12).Bool(false).Int(0, 16)
            .Int(0, 16).Bool(false).Int(0, 12).ToBase64Url();
        Assert.False(TcfDecoder.TryDecode(inverted, out _, out _));
        Assert.False(TcfDecoder.TryDecode(zero, out _, out _));
    }

    [Fact]
    public void Range_ids_beyond_max_vendor_id_are_clamped()
    {
        var s = BitStringBuilder.TcfCoreHeader().Int(10, 16).Bool(true).Int(1, 12).Bool(true).Int(8, 16).Int(500, 16)
            .Int(0, 16).Bool(false).Int(0, 12).ToBase64Url();
        Assert.True(TcfDecoder.TryDecode(s, out var tcf, out _));
        Assert.Equal([8, 9, 10], tcf.VendorConsents);
    }

    [Fact]
    public void Restrictions_with_the_same_purpose_and_type_are_merged_and_keep_wide_ranges_compact()
    {
        var b = BitStringBuilder.TcfCoreHeader().Int(0, 16).Bool(false).Int(0, 16).Bool(false).Int(2, 12);
        b.Int(2, 6).Int(1, 2).Int(1, 12).Bool(true).Int(1, 16).Int(65535, 16);
        b.Int(2, 6).Int(1, 2).Int(1, 12).Bool(false).Int(7, 16);
        Assert.True(TcfDecoder.TryDecode(b.ToBase64Url(), out var tcf, out var error), error);
        var r = Assert.Single(tcf.PublisherRestrictions);
        Assert.Equal(TcfRestrictionType.RequireConsent, r.RestrictionType);
        Assert.True(r.Contains(65535));
        Assert.Equal(2, r.Ranges.Count);
        Assert.Single(r.NormalizedRanges());
    }
}
