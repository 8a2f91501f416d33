using System.Collections.Frozen;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[ec]</c> with its <c>[[ec.partners]]</c> and <c>[consent]</c> with its sub-tables.</summary>
internal static class IdentityOptionsBinder
{
    private static readonly string[] SameSiteValues = ["Lax", "Strict", "None"];
    private static readonly System.Buffers.SearchValues<char> CookieDomainForbidden = System.Buffers.SearchValues.Create("/ :;,=\t\r\n\"");

    public static EcOptions Ec(ConfigSectionReader r, IReadOnlyList<ConfigSectionReader> partners, string? publisherDomain = null)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var passphrase = r.String("passphrase");
        var store = r.String("store") ?? "memory";
        var maxAge = OptionsBinder.Positive(r, "cookie_max_age_seconds") ?? 31_536_000;
        if (enabled && passphrase is null)
        {
            r.Error("passphrase", "is required when [ec] is enabled");
        }

        OptionsBinder.Secret(r, "passphrase", passphrase, SecretRules.SecretMinimumBytes);

        if (store.Trim().Length == 0)
        {
            r.Error("store", "must be " + IdentityStoreLocation.Expected);
        }
        else if (IdentityStoreLocation.TryParse(store, out _) is { } storeProblem)
        {
            r.Error("store", storeProblem);
        }

        var cookieDomain = EcCookieDomain(r, publisherDomain);
        var path = r.String("cookie_path") ?? "/";
        if (!path.StartsWith('/') || path.AsSpan().IndexOfAny(";, \r\n") >= 0)
        {
            r.Error("cookie_path", "must start with / and contain no ';', ',' or whitespace");
        }

        var sameSite = r.String("cookie_same_site") ?? "Lax";
        var canonicalSameSite = SameSiteValues.FirstOrDefault(v => v.Equals(sameSite, StringComparison.OrdinalIgnoreCase));
        if (canonicalSameSite is null)
        {
            r.Error("cookie_same_site", "must be Lax, Strict or None");
        }

        var secure = r.Boolean("cookie_secure") ?? true;
        var httpOnly = r.Boolean("cookie_http_only") ?? true;
        var ja4 = r.String("ja4_header");
        var timeout = OptionsBinder.Positive(r, "store_timeout_ms") ?? 500;
        var adminUser = r.String("admin_username");
        var adminPassword = r.String("admin_password");
        if (adminUser is not null && (adminUser.Length == 0 || adminUser.Contains(':', StringComparison.Ordinal)))
        {
            r.Error("admin_username", "must be non-empty and contain no ':'");
        }

        OptionsBinder.Secret(r, "admin_password", adminPassword, SecretRules.TokenMinimumBytes);

        if ((adminUser is null) != (adminPassword is null))
        {
            r.Error(adminUser is null ? "admin_username" : "admin_password", "admin_username and admin_password must be set together");
        }

        r.ReportUnknownKeys();
        var bound = new List<EcPartnerOptions>(partners.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var partner in partners)
        {
            if (Partner(partner) is { } p)
            {
                if (!seen.Add(p.SourceDomain))
                {
                    partner.Error("source_domain", $"\"{p.SourceDomain}\" is configured twice");
                }

                bound.Add(p);
            }
        }

        return new EcOptions
        {
            Enabled = enabled,
            Passphrase = passphrase,
            Store = store,
            CookieMaxAgeSeconds = maxAge,
            CookieDomain = cookieDomain,
            CookiePath = path,
            CookieSameSite = canonicalSameSite ?? "Lax",
            CookieSecure = secure,
            CookieHttpOnly = httpOnly,
            Ja4Header = ja4,
            StoreTimeout = TimeSpan.FromMilliseconds(timeout),
            AdminUsername = adminUser,
            AdminPassword = adminPassword,
            Partners = bound,
        };
    }

    public static ConsentOptions Consent(ConfigSectionReader r, ConfigSectionReader gdpr, ConfigSectionReader usStates, ConfigSectionReader usDefaults, ConfigSectionReader conflict)
    {
        var mode = r.String("mode") ?? "interpreter";
        if (mode is not ("interpreter" or "proxy"))
        {
            r.Error("mode", $"\"{mode}\" is not a consent mode; allowed values: \"interpreter\", \"proxy\"");
        }

        var check = r.Boolean("check_expiration") ?? true;
        var age = OptionsBinder.Positive(r, "max_consent_age_days") ?? 395;
        r.ReportUnknownKeys();

        var appliesIn = Codes(gdpr, "applies_in", 2);
        gdpr.ReportUnknownKeys();
        var states = Codes(usStates, "privacy_states", 2);
        usStates.ReportUnknownKeys();
        var notice = usDefaults.Boolean("notice_given") ?? true;
        var lspa = usDefaults.Boolean("lspa_covered") ?? false;
        var gpc = usDefaults.Boolean("gpc_implies_optout") ?? true;
        usDefaults.ReportUnknownKeys();
        var conflictMode = conflict.String("mode") ?? "restrictive";
        if (conflictMode is not ("restrictive" or "permissive" or "newest"))
        {
            conflict.Error("mode", "must be \"restrictive\", \"permissive\" or \"newest\"");
        }

        var freshness = OptionsBinder.Positive(conflict, "freshness_threshold_days") ?? 30;
        conflict.ReportUnknownKeys();
        return new ConsentOptions
        {
            Mode = mode == "proxy" ? ConsentMode.Proxy : ConsentMode.Interpreter,
            CheckExpiration = check,
            MaxConsentAgeDays = (int)Math.Min(age, int.MaxValue),
            GdprAppliesIn = appliesIn is null ? ConsentOptions.DefaultGdprCountries : appliesIn.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            PrivacyStates = states is null ? ConsentOptions.DefaultPrivacyStates : states.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            UsPrivacyNoticeGiven = notice,
            UsPrivacyLspaCovered = lspa,
            GpcImpliesOptOut = gpc,
            ConflictMode = conflictMode switch
            {
                "permissive" => ConflictMode.Permissive,
                "newest" => ConflictMode.Newest,
                _ => ConflictMode.Restrictive,
            },
            FreshnessThresholdDays = (int)Math.Min(freshness, int.MaxValue),
        };
    }

    private static EcPartnerOptions? Partner(ConfigSectionReader r)
    {
        var name = r.String("name", required: true);
        var source = r.String("source_domain", required: true);
        var token = r.String("api_token", required: true);
        if (source is not null && (source.Length == 0 || source.AsSpan().IndexOfAny("/ :;,") >= 0))
        {
            r.Error("source_domain", "must be a domain such as id.example.com");
        }

        OptionsBinder.Secret(r, "api_token", token, SecretRules.TokenMinimumBytes);

        var rate = OptionsBinder.Positive(r, "batch_rate_limit") ?? 60;
        var bidstream = r.Boolean("bidstream_enabled") ?? false;
        var atype = OptionsBinder.Positive(r, "openrtb_atype") ?? 3;
        r.ReportUnknownKeys();
        if (name is null || source is null || token is null)
        {
            return null;
        }

        return new EcPartnerOptions
        {
            Name = name,
            SourceDomain = source.ToLowerInvariant(),
            ApiTokenSha256 = EcPartnerOptions.HashToken(token),
            BatchRateLimit = (int)Math.Min(rate, int.MaxValue),
            BidstreamEnabled = bidstream,
            OpenRtbAtype = (int)Math.Min(atype, int.MaxValue),
        };
    }

    private static string? EcCookieDomain(ConfigSectionReader r, string? publisherDomain)
    {
        var value = r.String("cookie_domain");
        if (value is null)
        {
            return null;
        }

        var domain = value.Trim().TrimStart('.').ToLowerInvariant();
        if (domain.Length == 0 || domain.AsSpan().IndexOfAny(CookieDomainForbidden) >= 0 || domain.EndsWith('.'))
        {
            r.Error("cookie_domain", "must be a domain such as .example.com");
            return null;
        }

        // A browser drops a cookie whose Domain does not cover the host that set it.
        if (publisherDomain is not null
            && !publisherDomain.Equals(domain, StringComparison.OrdinalIgnoreCase)
            && !publisherDomain.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
        {
            r.Error("cookie_domain", $"\"{value}\" does not cover [publisher] domain \"{publisherDomain}\"; browsers would drop the cookie");
            return null;
        }

        return domain;
    }

    private static List<string>? Codes(ConfigSectionReader r, string key, int length)
    {
        var list = r.StringList(key);
        if (list is null)
        {
            return null;
        }

        foreach (var code in list)
        {
            if (code.Length != length || !code.All(char.IsAsciiLetter))
            {
                r.Error(key, $"\"{code}\" is not a {length}-letter code");
            }
        }

        return [.. list.Select(c => c.ToUpperInvariant())];
    }
}
