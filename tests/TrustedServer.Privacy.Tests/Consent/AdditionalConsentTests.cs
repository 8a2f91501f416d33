using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class AdditionalConsentTests
{
    [Theory]
    [InlineData("1~1.35.41.101", 1, new[] { 1, 35, 41, 101 }, new int[0])]
    [InlineData("1~", 1, new int[0], new int[0])]
    [InlineData("2~1.35.41.101~dv.9.21.81", 2, new[] { 1, 35, 41, 101 }, new[] { 9, 21, 81 })]
    [InlineData("2~~dv.9.21", 2, new int[0], new[] { 9, 21 })]
    [InlineData("2~7~dv.", 2, new[] { 7 }, new int[0])]
    public void Valid_strings_decode(string input, int version, int[] consented, int[] disclosed)
    {
        Assert.True(AdditionalConsent.TryParse(input, out var ac, out var error), error);
        Assert.Equal(version, ac.Version);
        Assert.Equal(consented, ac.ConsentedProviders);
        Assert.Equal(disclosed, ac.DisclosedProviders);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("3~1.2")]
    [InlineData("1~1..2")]
    [InlineData("1~1.2~dv.3")]
    [InlineData("1~1.a")]
    [InlineData("1~0")]
    [InlineData("1~1234567890")]
    [InlineData("2~1.2")]
    [InlineData("2~1.2~3.4")]
    [InlineData("1~-1")]
    public void Invalid_strings_are_rejected_with_a_reason(string input)
    {
        Assert.False(AdditionalConsent.TryParse(input, out var ac, out var error));
        Assert.Null(ac);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void An_overlong_string_is_rejected_before_it_is_read()
    {
        var input = "1~" + string.Join('.', Enumerable.Repeat("12345", 4000));

        Assert.False(AdditionalConsent.TryParse(input, out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_reads_the_addtl_consent_cookie_and_keeps_it_when_it_decodes()
    {
        var signals = ConsentSignals.FromRequest(name => name == "addtl_consent" ? " 1~7.8 " : null, _ => null);
        var ctx = ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions(), DateTimeOffset.UnixEpoch);

        Assert.Equal("1~7.8", ctx.RawAcString);
        Assert.Equal([7, 8], ctx.AdditionalConsent!.ConsentedProviders);
        Assert.Empty(ctx.DecodeErrors);
    }

    [Fact]
    public void An_undecodable_AC_string_is_dropped_and_reported_as_a_decode_error()
    {
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawAcString = "9~x" }, Jurisdiction.Gdpr, new ConsentOptions(), DateTimeOffset.UnixEpoch);

        Assert.Null(ctx.RawAcString);
        Assert.Null(ctx.AdditionalConsent);
        Assert.Contains(ctx.DecodeErrors, e => e.Signal == ConsentSignals.AdditionalConsentCookie);
    }

    [Fact]
    public void Proxy_mode_keeps_the_raw_AC_string_without_decoding_it()
    {
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawAcString = "2~1~dv.4" }, Jurisdiction.Gdpr, new ConsentOptions { Mode = ConsentMode.Proxy }, DateTimeOffset.UnixEpoch);

        Assert.Equal("2~1~dv.4", ctx.RawAcString);
        Assert.Null(ctx.AdditionalConsent);
    }

    [Fact]
    public void An_AC_string_alone_is_not_a_consent_signal()
    {
        Assert.True(new ConsentSignals { RawAcString = "1~1" }.IsEmpty);
    }
}
