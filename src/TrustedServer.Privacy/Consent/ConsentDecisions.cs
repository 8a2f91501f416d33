namespace TrustedServer.Privacy.Consent;

/// <summary>The four consent rules of the original, per jurisdiction.</summary>
public static class ConsentDecisions
{
    /// <summary>
    /// May an Edge Cookie be created? GDPR: TCF purpose 1 (no TCF denies). US state: GPC, a GPP sale opt-out or a
    /// USP opt-out deny; then TCF purpose 1 if present; then an explicit GPP "did not opt out" allows; then a USP
    /// string without opt-out allows; no signals deny. Non-regulated allows; unknown denies.
    /// </summary>
    public static bool AllowsEcCreation(ConsentContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        switch (ctx.Jurisdiction.Kind)
        {
            case JurisdictionKind.Gdpr:
                return ctx.EffectiveTcf?.HasStorageConsent ?? false;
            case JurisdictionKind.UsState:
                if (HasUsOptOut(ctx))
                {
                    return false;
                }

                if (ctx.EffectiveTcf is { } tcf)
                {
                    return tcf.HasStorageConsent;
                }

                if (ctx.UsSaleOptOut is { } optedOut)
                {
                    return !optedOut;
                }

                if (ctx.UsPrivacy is { } usp)
                {
                    return usp.OptOutSale != PrivacyIndicator.Yes;
                }

                return false;
            case JurisdictionKind.NonRegulated:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Is there an explicit withdrawal (expire the cookie and write a tombstone)? Narrower than a denial: a
    /// fail-closed denial (unknown geo, missing or undecodable signals) is not a withdrawal.
    /// </summary>
    public static bool HasExplicitEcWithdrawal(ConsentContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Jurisdiction.Kind switch
        {
            JurisdictionKind.Gdpr => ctx.EffectiveTcf is { } tcf && !tcf.HasStorageConsent,
            JurisdictionKind.UsState => HasUsOptOut(ctx) || (ctx.EffectiveTcf is { } tcf && !tcf.HasStorageConsent),
            _ => false,
        };
    }

    /// <summary>
    /// May a server-side auction run (SSAT, page-bids, <c>/auction</c>)? When an EU TCF signal is present or the
    /// jurisdiction is GDPR or unknown, TCF purpose 1 is required; otherwise allowed.
    /// </summary>
    public static bool AllowsServerSideAuction(ConsentContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var requiresPurposeOne = ctx.GdprApplies || ctx.Jurisdiction.Kind is JurisdictionKind.Gdpr or JurisdictionKind.Unknown;
        return !requiresPurposeOne || (ctx.EffectiveTcf?.HasPurposeConsent(1) ?? false);
    }

    /// <summary>
    /// Filters EIDs for a bid request: kept only with TCF purposes 1 and 4; without TCF, dropped when GDPR applies
    /// and kept otherwise. An empty or null list yields null.
    /// </summary>
    public static IReadOnlyList<T>? GateEidsByConsent<T>(IReadOnlyList<T>? eids, ConsentContext? ctx)
    {
        if (eids is null || eids.Count == 0)
        {
            return null;
        }

        return AllowsEids(ctx) ? eids : null;
    }

    /// <summary>Whether EIDs may leave: TCF purposes 1 and 4 when a TCF signal decodes; without one, unless GDPR applies.</summary>
    public static bool AllowsEids(ConsentContext? ctx) =>
        ctx?.EffectiveTcf is { } tcf ? AllowsEidTransmission(tcf) : ctx is not { GdprApplies: true };

    /// <summary>TCF purposes 1 (storage) and 4 (personalised ads) both consented.</summary>
    public static bool AllowsEidTransmission(TcfConsent tcf)
    {
        ArgumentNullException.ThrowIfNull(tcf);
        return tcf.HasStorageConsent && tcf.HasPersonalizedAdsConsent;
    }

    private static bool HasUsOptOut(ConsentContext ctx) =>
        ctx.Gpc || ctx.UsSaleOptOut == true || ctx.UsPrivacy?.OptOutSale == PrivacyIndicator.Yes;
}
