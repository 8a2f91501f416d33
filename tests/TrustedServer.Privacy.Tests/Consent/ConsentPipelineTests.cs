using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using static TrustedServer.Privacy.Tests.Consent.ConsentFixtures;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class ConsentPipelineTests
{
    private static ConsentContext Conflict(ConflictMode mode, bool standaloneAllows, int standaloneAgeDays, bool gppAllows, int gppAgeDays, int threshold = 30)
    {
        var signals = new ConsentSignals
        {
            RawTcString = Tc(true, standaloneAllows, Now.AddDays(-standaloneAgeDays)),
            RawGppString = Gpp((2, Tc(true, gppAllows, Now.AddDays(-gppAgeDays)))),
        };
        return ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions { ConflictMode = mode, FreshnessThresholdDays = threshold }, Now);
    }

    [Theory]
    [InlineData(ConflictMode.Restrictive, true, 100, false, 10, false)]
    [InlineData(ConflictMode.Restrictive, false, 10, true, 100, false)]
    [InlineData(ConflictMode.Permissive, true, 100, false, 10, true)]
    [InlineData(ConflictMode.Permissive, false, 10, true, 100, true)]
    [InlineData(ConflictMode.Newest, true, 100, false, 10, false)]
    [InlineData(ConflictMode.Newest, false, 100, true, 10, true)]
    [InlineData(ConflictMode.Newest, true, 10, false, 100, true)]
    [InlineData(ConflictMode.Newest, true, 20, false, 10, false)]
    [InlineData(ConflictMode.Newest, false, 20, true, 10, false)]
    public void Conflicts_between_the_tc_string_and_the_gpp_eu_section_resolve_by_mode(ConflictMode mode, bool standaloneAllows, int standaloneAge, bool gppAllows, int gppAge, bool eidsAllowed)
    {
        var ctx = Conflict(mode, standaloneAllows, standaloneAge, gppAllows, gppAge);
        Assert.Equal(eidsAllowed, ConsentDecisions.AllowsEidTransmission(ctx.EffectiveTcf!));
    }

    [Fact]
    public void Agreeing_signals_keep_the_standalone_string()
    {
        var ctx = Conflict(ConflictMode.Permissive, true, 5, true, 50);
        Assert.Same(ctx.Tcf, ctx.EffectiveTcf);
        Assert.NotSame(ctx.GppEuTcf, ctx.Tcf);
    }

    [Theory]
    [InlineData(394, false)]
    [InlineData(395, false)]
    [InlineData(396, true)]
    public void Tcf_older_than_the_max_age_is_expired_and_dropped_but_the_raw_string_kept(int ageDays, bool expired)
    {
        var raw = Tc(true, true, Now.AddDays(-ageDays));
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawTcString = raw }, Jurisdiction.Gdpr, new ConsentOptions(), Now);
        Assert.Equal(expired, ctx.Expired);
        Assert.Equal(expired, ctx.EffectiveTcf is null);
        Assert.Equal(raw, ctx.RawTcString);
        Assert.True(ctx.GdprApplies);
        Assert.Equal(!expired, ConsentDecisions.AllowsEcCreation(ctx));
        Assert.False(ConsentDecisions.HasExplicitEcWithdrawal(ctx));
    }

    [Fact]
    public void Expiry_also_drops_the_gpp_eu_section_and_can_be_disabled_or_clamped()
    {
        var signals = new ConsentSignals { RawGppString = Gpp((2, Tc(true, true, Now.AddDays(-500)))) };
        var ctx = ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions(), Now);
        Assert.True(ctx.Expired);
        Assert.Null(ctx.GppEuTcf);
        Assert.True(ctx.GdprApplies);

        Assert.False(ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions { CheckExpiration = false }, Now).Expired);
        Assert.False(ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions { MaxConsentAgeDays = 100_000 }, Now).Expired);
        Assert.True(ConsentPipeline.Build(new ConsentSignals { RawTcString = Tc(true, true, Now.AddDays(-2)) }, Jurisdiction.Gdpr, new ConsentOptions { MaxConsentAgeDays = 0 }, Now).Expired);
    }

    [Fact]
    public void Gpc_in_a_us_state_without_a_us_privacy_cookie_synthesises_1YYN()
    {
        var ctx = Context("US", "-", "-", "-", gpc: true);
        Assert.Equal("1YYN", ctx.RawUsPrivacy);
        Assert.Equal(ConsentSource.PolicyDefault, ctx.Source);
        Assert.False(ConsentDecisions.AllowsEcCreation(ctx));
        Assert.True(ConsentDecisions.HasExplicitEcWithdrawal(ctx));
    }

    [Fact]
    public void Gpc_synthesis_follows_the_configured_defaults_and_never_overrides_a_cookie()
    {
        var custom = new ConsentOptions { UsPrivacyNoticeGiven = false, UsPrivacyLspaCovered = true };
        Assert.Equal("1NYY", Context("US", "-", "-", "-", true, custom).RawUsPrivacy);
        Assert.Null(Context("US", "-", "-", "-", true, new ConsentOptions { GpcImpliesOptOut = false }).RawUsPrivacy);
        Assert.Equal("1YNN", Context("US", "-", "-", "1YNN", true).RawUsPrivacy);
        Assert.Null(Context("GDPR", "-", "-", "-", true).RawUsPrivacy);
        Assert.Null(Context("NR", "-", "-", "-", true).RawUsPrivacy);
    }

    [Fact]
    public void Proxy_mode_skips_decoding_and_marks_gdpr_from_raw_presence()
    {
        var proxy = new ConsentOptions { Mode = ConsentMode.Proxy };
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawTcString = "CPXxGfAPXxGfA" }, Jurisdiction.Unknown, proxy, Now);
        Assert.True(ctx.GdprApplies);
        Assert.Null(ctx.Tcf);
        Assert.True(ConsentPipeline.Build(new ConsentSignals { RawGppSid = "2,6" }, Jurisdiction.Unknown, proxy, Now).GdprApplies);
    }

    [Fact]
    public void Proxy_mode_forwards_every_raw_string_and_decodes_nothing()
    {
        var proxy = new ConsentOptions { Mode = ConsentMode.Proxy };
        var signals = new ConsentSignals
        {
            RawTcString = Tc(true),
            RawGppString = Gpp((2, Tc(true))),
            RawGppSid = "2",
            RawUsPrivacy = "1YNN",
            Gpc = true,
        };

        var ctx = ConsentPipeline.Build(signals, Jurisdiction.UsState("CA"), proxy, Now);

        Assert.Equal(signals.RawTcString, ctx.RawTcString);
        Assert.Equal(signals.RawGppString, ctx.RawGppString);
        Assert.Equal("1YNN", ctx.RawUsPrivacy);
        Assert.Equal([2], ctx.GppSectionIds);
        Assert.True(ctx.Gpc);
        Assert.Null(ctx.Tcf);
        Assert.Null(ctx.Gpp);
        Assert.Null(ctx.GppEuTcf);
        Assert.Null(ctx.UsPrivacy);
        Assert.Empty(ctx.DecodeErrors);
    }

    [Fact]
    public void Proxy_mode_marks_gdpr_only_from_a_tc_string_or_section_2_in_gpp_sid()
    {
        var proxy = new ConsentOptions { Mode = ConsentMode.Proxy };

        Assert.False(ConsentPipeline.Build(new ConsentSignals(), Jurisdiction.Gdpr, proxy, Now).GdprApplies);
        Assert.False(ConsentPipeline.Build(new ConsentSignals { RawGppSid = "7,8", RawUsPrivacy = "1YNN" }, Jurisdiction.Gdpr, proxy, Now).GdprApplies);
        Assert.False(ConsentPipeline.Build(new ConsentSignals { RawGppString = Gpp((2, Tc(true))) }, Jurisdiction.Gdpr, proxy, Now).GdprApplies);
        Assert.True(ConsentPipeline.Build(new ConsentSignals { RawTcString = "not-even-valid" }, Jurisdiction.NonRegulated, proxy, Now).GdprApplies);
        Assert.True(ConsentPipeline.Build(new ConsentSignals { RawGppSid = "7,2" }, Jurisdiction.NonRegulated, proxy, Now).GdprApplies);
    }

    [Fact]
    public void Proxy_mode_does_not_synthesise_a_us_privacy_string_from_gpc()
    {
        var ctx = ConsentPipeline.Build(new ConsentSignals { Gpc = true }, Jurisdiction.UsState("CA"), new ConsentOptions { Mode = ConsentMode.Proxy }, Now);

        Assert.Null(ctx.RawUsPrivacy);
        Assert.Equal(ConsentSource.Cookie, ctx.Source);
    }

    [Fact]
    public void In_proxy_mode_the_rules_fail_closed_where_consent_is_needed_and_allow_where_it_is_not()
    {
        var proxy = new ConsentOptions { Mode = ConsentMode.Proxy };
        var consented = new ConsentSignals { RawTcString = Tc(true), RawUsPrivacy = "1YNN" };

        Assert.False(ConsentDecisions.AllowsEcCreation(ConsentPipeline.Build(consented, Jurisdiction.Gdpr, proxy, Now)));
        Assert.False(ConsentDecisions.AllowsEcCreation(ConsentPipeline.Build(consented, Jurisdiction.UsState("CA"), proxy, Now)));
        Assert.False(ConsentDecisions.AllowsEcCreation(ConsentPipeline.Build(consented, Jurisdiction.Unknown, proxy, Now)));
        Assert.True(ConsentDecisions.AllowsEcCreation(ConsentPipeline.Build(new ConsentSignals(), Jurisdiction.NonRegulated, proxy, Now)));
        Assert.False(ConsentDecisions.HasExplicitEcWithdrawal(ConsentPipeline.Build(new ConsentSignals { RawTcString = Tc(false) }, Jurisdiction.Gdpr, proxy, Now)));
    }

    [Fact]
    public void Undecodable_signals_are_absent_and_reported_without_their_raw_value()
    {
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawTcString = "CZZZZZZ", RawGppString = "DBxx", RawUsPrivacy = "1Q" }, Jurisdiction.Gdpr, new ConsentOptions(), Now);
        Assert.Null(ctx.Tcf);
        Assert.Null(ctx.Gpp);
        Assert.Null(ctx.UsPrivacy);
        Assert.Equal(3, ctx.DecodeErrors.Count);
        Assert.DoesNotContain(ctx.DecodeErrors, e => e.Error.Contains("CZZZZZZ") || e.Error.Contains("DBxx"));
        Assert.True(ctx.GdprApplies);
    }

    [Fact]
    public void Gdpr_applies_when_the_gpp_sid_cookie_lists_section_2_even_if_gpp_fails_to_decode()
    {
        var ctx = ConsentPipeline.Build(new ConsentSignals { RawGppString = "invalid-gpp", RawGppSid = "2,6" }, Jurisdiction.NonRegulated, new ConsentOptions(), Now);
        Assert.True(ctx.GdprApplies);
    }

    [Fact]
    public void Signals_are_read_from_cookies_and_the_gpc_header()
    {
        var cookies = new Dictionary<string, string> { ["euconsent-v2"] = "abc", ["__gpp"] = " ", ["us_privacy"] = "1YNN" };
        var s = ConsentSignals.FromRequest(n => cookies.GetValueOrDefault(n), h => h == "Sec-GPC" ? " 1 " : null);
        Assert.Equal("abc", s.RawTcString);
        Assert.Null(s.RawGppString);
        Assert.Equal("1YNN", s.RawUsPrivacy);
        Assert.True(s.Gpc);
        Assert.False(ConsentSignals.IsGpcEnabled("0"));
        Assert.False(ConsentSignals.IsGpcEnabled("true"));
        Assert.False(ConsentSignals.IsGpcEnabled(null));
    }

    [Fact]
    public void Expiry_reads_the_clock_from_a_time_provider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var signals = new ConsentSignals { RawTcString = Tc(true, true, Now.AddDays(-300)) };
        Assert.False(ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions(), time).Expired);
        time.Advance(TimeSpan.FromDays(100));
        Assert.True(ConsentPipeline.Build(signals, Jurisdiction.Gdpr, new ConsentOptions(), time).Expired);
    }
}
