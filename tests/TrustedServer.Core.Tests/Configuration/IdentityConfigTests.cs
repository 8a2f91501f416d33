using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Tests.Configuration;

public sealed class IdentityConfigTests
{
    private const string Publisher = """
        [publisher]
        domain = "www.example.com"
        origin_url = "https://origin.example.com"

        """;

    private static ConfigLoadResult Load(string toml) => ConfigLoader.Load(Publisher + toml, "test.toml", null);

    [Fact]
    public void The_full_identity_configuration_binds_with_hashed_partner_tokens()
    {
        var result = Load("""
            [ec]
            enabled = true
            passphrase = "correct horse battery staple, and then some more"
            store = "redis://127.0.0.1:6379"
            cookie_same_site = "strict"
            cookie_http_only = false
            ja4_header = "x-ja4"
            store_timeout_ms = 250
            admin_username = "ops"
            admin_password = "a-long-admin-password"

            [[ec.partners]]
            name = "Partner A"
            source_domain = "ID.Partner-a.com"
            api_token = "partner-a-secret-token-123"
            batch_rate_limit = 5
            bidstream_enabled = true
            openrtb_atype = 571187

            [[ec.partners]]
            name = "Partner B"
            source_domain = "partner-b.com"
            api_token = "partner-b-secret-token-456"

            [consent]
            mode = "proxy"
            [consent.gdpr]
            applies_in = ["de", "FR"]
            [consent.us_states]
            privacy_states = ["CA"]
            [consent.us_privacy_defaults]
            gpc_implies_optout = false
            [consent.conflict_resolution]
            mode = "newest"
            freshness_threshold_days = 7
            """);

        Assert.True(result.Success, string.Join("\n", result.Errors));
        var ec = result.Options!.Ec;
        Assert.Equal("Strict", ec.CookieSameSite);
        Assert.False(ec.CookieHttpOnly);
        Assert.Equal(TimeSpan.FromMilliseconds(250), ec.StoreTimeout);
        Assert.Equal(2, ec.Partners.Count);
        var a = ec.Partners[0];
        Assert.Equal("id.partner-a.com", a.SourceDomain);
        Assert.Equal(EcPartnerOptions.HashToken("partner-a-secret-token-123"), a.ApiTokenSha256);
        Assert.DoesNotContain("partner-a-secret", a.ToString(), StringComparison.Ordinal);
        Assert.Equal(5, a.BatchRateLimit);
        Assert.True(a.BidstreamEnabled);
        Assert.Equal(571187, a.OpenRtbAtype);
        Assert.Equal(60, ec.Partners[1].BatchRateLimit);
        Assert.Equal(3, ec.Partners[1].OpenRtbAtype);
        var consent = result.Options.Consent;
        Assert.Equal(ConsentMode.Proxy, consent.Mode);
        Assert.Equal(["DE", "FR"], consent.GdprAppliesIn.Order());
        Assert.Equal(["CA"], consent.PrivacyStates);
        Assert.False(consent.GpcImpliesOptOut);
        Assert.Equal(ConflictMode.Newest, consent.ConflictMode);
        Assert.Equal(7, consent.FreshnessThresholdDays);
    }

    [Fact]
    public void Partner_errors_name_the_entry_key_and_line()
    {
        var result = Load("""
            [ec]
            enabled = true
            passphrase = "correct horse battery staple, and then some more"

            [[ec.partners]]
            name = "A"
            source_domain = "a.com"
            api_token = "trusted-server"

            [[ec.partners]]
            name = "B"
            api_token = "partner-b-secret-token-456"
            colour = "blue"
            """);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Key == "ec.partners[0].api_token" && e.Line == 11);
        Assert.Contains(result.Errors, e => e.Key == "ec.partners[1].source_domain" && e.Line == 13 && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "ec.partners[1].colour" && e.Line == 16);
    }

    [Fact]
    public void Invalid_cookie_admin_and_consent_values_are_reported_with_their_lines()
    {
        var result = Load("""
            [ec]
            cookie_same_site = "sometimes"
            admin_username = "ops"
            [consent.conflict_resolution]
            mode = "loudest"
            [consent.gdpr]
            applies_in = ["Germany"]
            """);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Key == "ec.cookie_same_site" && e.Line == 5);
        Assert.Contains(result.Errors, e => e.Key == "ec.admin_password");
        Assert.Contains(result.Errors, e => e.Key == "consent.conflict_resolution.mode" && e.Line == 8);
        Assert.Contains(result.Errors, e => e.Key == "consent.gdpr.applies_in" && e.Line == 10);
    }

    [Theory]
    [InlineData("enforce")]
    [InlineData("observe")]
    [InlineData("Interpreter")]
    [InlineData("")]
    public void Consent_mode_accepts_only_interpreter_and_proxy(string mode)
    {
        var result = Load($"""
            [consent]
            mode = "{mode}"
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("consent.mode", error.Key);
        Assert.Equal(5, error.Line);
        Assert.Contains("allowed values: \"interpreter\", \"proxy\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consent_mode_defaults_to_interpreter()
    {
        Assert.Equal(ConsentMode.Interpreter, Load(string.Empty).Options!.Consent.Mode);
        Assert.Equal(ConsentMode.Interpreter, Load("[consent]\nmode = \"interpreter\"\n").Options!.Consent.Mode);
    }

    [Fact]
    public void Other_arrays_of_tables_are_still_rejected()
    {
        var result = Load("""
            [[proxy.routes]]
            path = "/x"
            """);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Key == "proxy.routes" && e.Message.Contains("array of tables", StringComparison.Ordinal));
    }
}
