using TrustedServer.Core.Configuration;

namespace TrustedServer.Privacy.Consent;

/// <summary>Decodes a request's signals and applies conflict resolution, expiry and GPC synthesis, in the original's order.</summary>
public static class ConsentPipeline
{
    private const int TcfEuSectionId = 2;

    /// <summary>Builds the consent context for one request, reading the time from <paramref name="time"/>.</summary>
    public static ConsentContext Build(ConsentSignals signals, Jurisdiction jurisdiction, ConsentOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Build(signals, jurisdiction, options, time.GetUtcNow());
    }

    /// <summary>Builds the consent context for one request.</summary>
    /// <param name="signals">The raw signals.</param>
    /// <param name="jurisdiction">The visitor's jurisdiction.</param>
    /// <param name="options">The consent configuration.</param>
    /// <param name="now">The current time (from a <see cref="TimeProvider"/>).</param>
    public static ConsentContext Build(ConsentSignals signals, Jurisdiction jurisdiction, ConsentOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(jurisdiction);
        ArgumentNullException.ThrowIfNull(options);
        var sidFromCookie = signals.RawGppSid is { } sid ? GppDecoder.ParseSectionIdCookie(sid) : null;
        if (options.Mode == ConsentMode.Proxy)
        {
            return new ConsentContext
            {
                RawTcString = signals.RawTcString,
                RawGppString = signals.RawGppString,
                GppSectionIds = sidFromCookie,
                RawUsPrivacy = signals.RawUsPrivacy,
                RawAcString = signals.RawAcString,
                GdprApplies = HasEuTcfSignal(signals.RawTcString is not null, sidFromCookie),
                Gpc = signals.Gpc,
                Jurisdiction = jurisdiction,
            };
        }

        var errors = new List<(string, string)>();
        TcfConsent? tcf = null;
        GppConsent? gpp = null;
        UsPrivacy? usp = null;
        if (signals.RawTcString is { } tc && !TcfDecoder.TryDecode(tc, out tcf, out var tcError))
        {
            errors.Add((ConsentSignals.TcfCookie, tcError));
        }

        if (signals.RawGppString is { } g && !GppDecoder.TryDecode(g, out gpp, out var gppError))
        {
            errors.Add((ConsentSignals.GppCookie, gppError));
        }

        if (signals.RawUsPrivacy is { } u && !UsPrivacy.TryParse(u, out usp, out var uspError))
        {
            errors.Add((ConsentSignals.UsPrivacyCookie, uspError));
        }

        // An AC string that does not decode is dropped rather than passed on: partners would have to guess at it.
        AdditionalConsent? ac = null;
        if (signals.RawAcString is { } a && !AdditionalConsent.TryParse(a, out ac, out var acError))
        {
            errors.Add((ConsentSignals.AdditionalConsentCookie, acError));
        }

        if (gpp is not null)
        {
            foreach (var e in gpp.SectionErrors)
            {
                errors.Add((ConsentSignals.GppCookie + " section " + e.Id, e.Error));
            }
        }

        var sectionIds = gpp?.SectionIds ?? sidFromCookie;
        var ctx = new ConsentContext
        {
            RawTcString = signals.RawTcString,
            RawGppString = signals.RawGppString,
            GppSectionIds = sectionIds,
            RawUsPrivacy = signals.RawUsPrivacy,
            RawAcString = ac is null ? null : signals.RawAcString,
            AdditionalConsent = ac,
            GdprApplies = HasEuTcfSignal(signals.RawTcString is not null, sectionIds),
            Tcf = tcf,
            Gpp = gpp,
            GppEuTcf = gpp?.EuTcf,
            UsPrivacy = usp,
            Gpc = signals.Gpc,
            Jurisdiction = jurisdiction,
            DecodeErrors = errors,
        };
        ctx = ResolveConflict(ctx, options);
        ctx = ApplyExpiry(ctx, options, now);
        return ApplyGpc(ctx, options);
    }

    /// <summary>True when an EU TCF signal is present: a TC string, or GPP section 2 listed.</summary>
    public static bool HasEuTcfSignal(bool rawTcPresent, IReadOnlyList<int>? gppSectionIds) =>
        rawTcPresent || (gppSectionIds?.Contains(TcfEuSectionId) ?? false);

    /// <summary>When the standalone TC string and the GPP EU section disagree on storage + personalised ads, picks one by mode.</summary>
    public static ConsentContext ResolveConflict(ConsentContext ctx, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(options);
        if (ctx.Tcf is not { } standalone || ctx.GppEuTcf is not { } fromGpp)
        {
            return ctx;
        }

        var standaloneAllows = ConsentDecisions.AllowsEidTransmission(standalone);
        var gppAllows = ConsentDecisions.AllowsEidTransmission(fromGpp);
        if (standaloneAllows == gppAllows)
        {
            return ctx;
        }

        var selectGpp = options.ConflictMode switch
        {
            ConflictMode.Permissive => gppAllows,
            ConflictMode.Newest => SelectNewest(standalone, fromGpp, options.FreshnessThresholdDays) ?? !gppAllows,
            _ => !gppAllows,
        };
        return selectGpp ? ctx with { Tcf = fromGpp } : ctx;
    }

    /// <summary>Drops TCF consent older than the configured maximum age (raw strings are kept).</summary>
    public static ConsentContext ApplyExpiry(ConsentContext ctx, ConsentOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.CheckExpiration || ctx.EffectiveTcf is not { } tcf || !IsExpired(tcf, options.EffectiveMaxConsentAgeDays, now))
        {
            return ctx;
        }

        return ctx with
        {
            Expired = true,
            Tcf = null,
            GppEuTcf = null,
            GdprApplies = HasEuTcfSignal(ctx.RawTcString is not null, ctx.GppSectionIds),
        };
    }

    /// <summary>True when the consent was last updated more than <paramref name="maxAgeDays"/> days before <paramref name="now"/>.</summary>
    public static bool IsExpired(TcfConsent tcf, int maxAgeDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tcf);
        var nowDs = now.ToUnixTimeMilliseconds() / 100;
        var age = Math.Max(0, nowDs - tcf.LastUpdatedDeciseconds);
        return age > (long)maxAgeDays * DecisecondsPerDay;
    }

    /// <summary>With GPC, no US Privacy string and a US-state jurisdiction, synthesises one from the configured defaults (<c>1YYN</c>).</summary>
    public static ConsentContext ApplyGpc(ConsentContext ctx, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(options);
        if (!ctx.Gpc || ctx.UsPrivacy is not null || ctx.Jurisdiction.Kind != JurisdictionKind.UsState || !options.GpcImpliesOptOut)
        {
            return ctx;
        }

        var usp = new UsPrivacy(
            1,
            options.UsPrivacyNoticeGiven ? PrivacyIndicator.Yes : PrivacyIndicator.No,
            PrivacyIndicator.Yes,
            options.UsPrivacyLspaCovered ? PrivacyIndicator.Yes : PrivacyIndicator.No);
        return ctx with { UsPrivacy = usp, RawUsPrivacy = usp.ToString(), Source = ConsentSource.PolicyDefault };
    }

    private const long DecisecondsPerDay = 86_400 * 10;

    private static bool? SelectNewest(TcfConsent standalone, TcfConsent fromGpp, int thresholdDays)
    {
        var threshold = (long)thresholdDays * DecisecondsPerDay;
        if (standalone.LastUpdatedDeciseconds - fromGpp.LastUpdatedDeciseconds > threshold)
        {
            return false;
        }

        if (fromGpp.LastUpdatedDeciseconds - standalone.LastUpdatedDeciseconds > threshold)
        {
            return true;
        }

        return null;
    }
}
