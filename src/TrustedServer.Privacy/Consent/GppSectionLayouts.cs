using System.Collections.Frozen;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Bit layouts of the GPP US sections (national and state), as defined by the IAB GPP specification and
/// implemented by @iabgpp/cmpapi. Every field is a 2-bit integer (0 = not applicable, 1 = yes/opted out,
/// 2 = no/did not opt out) or a list of them, after a 6-bit version.
/// </summary>
internal static class GppSectionLayouts
{
    private const string Ver = "Version";
    private const string MspaVer = "MspaVersion";
    private const string Sdp = "SensitiveDataProcessing";
    private const string Kc = "KnownChildSensitiveDataConsents";
    private const string Cov = "MspaCoveredTransaction";
    private const string Opt = "MspaOptOutOptionMode";
    private const string Svc = "MspaServiceProviderMode";
    private const string Saleopt = "SaleOptOutNotice";
    private const string Tano = "TargetedAdvertisingOptOutNotice";
    private const string Sale = "SaleOptOut";
    private const string Ta = "TargetedAdvertisingOptOut";
    private const string Adpc = "AdditionalDataProcessingConsent";
    private const string Proc = "ProcessingNotice";
    private const string Share = "SharingNotice";

    public static FrozenDictionary<int, GppSectionLayout> ById { get; } = Build().ToFrozenDictionary(l => l.Id);

    private static GppFieldSpec V(string name) => new(name, 6, 0);

    private static GppFieldSpec F(string name) => new(name, 2, 0);

    private static GppFieldSpec L(string name, int count) => new(name, 2, count);

    private static IEnumerable<GppSectionLayout> Build()
    {
        var g = GppSecondSegment.Gpc;
        var s = GppSecondSegment.SensitiveData;
        var n = GppSecondSegment.None;
        yield return new(7, "usnat", g, [V(Ver), F(Share), F(Saleopt), F("SharingOptOutNotice"), F(Tano), F("SensitiveDataProcessingOptOutNotice"), F("SensitiveDataLimitUseNotice"), F(Sale), F("SharingOptOut"), F(Ta), L(Sdp, 16), L(Kc, 3), F("PersonalDataConsents"), F(Cov), F(Opt), F(Svc)]);
        yield return new(8, "usca", g, [V(Ver), F(Saleopt), F("SharingOptOutNotice"), F("SensitiveDataLimitUseNotice"), F(Sale), F("SharingOptOut"), L(Sdp, 9), L(Kc, 2), F("PersonalDataConsents"), F(Cov), F(Opt), F(Svc)]);
        yield return new(9, "usva", n, [V(Ver), F(Share), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Cov), F(Opt), F(Svc)]);
        yield return new(10, "usco", g, [V(Ver), F(Share), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 7), F(Kc), F(Cov), F(Opt), F(Svc)]);
        yield return new(11, "usut", n, [V(Ver), F(Share), F(Saleopt), F(Tano), F("SensitiveDataProcessingOptOutNotice"), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Cov), F(Opt), F(Svc)]);
        yield return new(12, "usct", g, [V(Ver), F(Share), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), L(Kc, 3), F(Cov), F(Opt), F(Svc)]);
        yield return new(13, "usfl", n, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), L(Kc, 3), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(14, "usmt", g, [V(Ver), F(Share), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), L(Kc, 3), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(15, "usor", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 11), L(Kc, 3), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(16, "ustx", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(17, "usde", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 9), L(Kc, 5), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(18, "usia", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F("SensitiveDataOptOutNotice"), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Cov), F(Opt), F(Svc)]);
        yield return new(19, "usne", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(20, "usnh", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), L(Kc, 3), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(21, "usnj", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 10), L(Kc, 5), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(22, "ustn", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(23, "usmn", g, [V(Ver), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), L(Sdp, 8), F(Kc), F(Adpc), F(Cov), F(Opt), F(Svc)]);
        yield return new(24, "usmd", g, [V(MspaVer), F(Cov), F("MspaMode"), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), F(Adpc)]);
        yield return new(25, "usin", s, [V(MspaVer), F(Cov), F("MspaMode"), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), F(Kc), F(Adpc)]);
        yield return new(26, "usky", s, [V(MspaVer), F(Cov), F("MspaMode"), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), F(Kc), F(Adpc)]);
        yield return new(27, "usri", s, [V(MspaVer), F(Cov), F("MspaMode"), F(Proc), F(Saleopt), F(Tano), F(Sale), F(Ta), F(Kc), F(Adpc)]);
    }
}

/// <summary>One field of a GPP US section: a <paramref name="Bits"/>-bit integer, or a list of <paramref name="Count"/> of them.</summary>
internal sealed record GppFieldSpec(string Name, int Bits, int Count);

/// <summary>The optional second segment a GPP US section may carry.</summary>
internal enum GppSecondSegment
{
    None,
    Gpc,
    SensitiveData,
}

/// <summary>A GPP US section's id, name and core-segment fields.</summary>
internal sealed record GppSectionLayout(int Id, string Name, GppSecondSegment Second, GppFieldSpec[] Core);
