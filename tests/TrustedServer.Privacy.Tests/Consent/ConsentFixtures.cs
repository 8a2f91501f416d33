using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

/// <summary>Real encoded signals for the decision tables.</summary>
internal static class ConsentFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static long Ds(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 100;

    public static string Tc(bool p1, bool p4 = true, DateTimeOffset? updated = null) =>
        BitStringBuilder.Tcf(p1, p4, Ds(updated ?? Now.AddDays(-10)));

    /// <summary>usca with SaleOptOut = 2 (did not opt out).</summary>
    public const string UsCaNotOptedOut = "BBooCCio.QA";

    /// <summary>usva with SaleOptOut = 1 (opted out).</summary>
    public const string UsVaOptedOut = "BVQpKZk";

    /// <summary>Builds a GPP string from (id, section) pairs in ascending id order.</summary>
    public static string Gpp(params (int Id, string Text)[] sections)
    {
        var b = new BitStringBuilder().Int(3, 6).Int(1, 6).Int(sections.Length, 12);
        var offset = 0;
        foreach (var (id, _) in sections)
        {
            b.Bool(false).Fibonacci(id - offset);
            offset = id;
        }

        return b.ToBase64Url() + string.Concat(sections.Select(s => "~" + s.Text));
    }

    public static Jurisdiction Jur(string code) => code switch
    {
        "GDPR" => Jurisdiction.Gdpr,
        "US" => Jurisdiction.UsState("CA"),
        "NR" => Jurisdiction.NonRegulated,
        _ => Jurisdiction.Unknown,
    };

    /// <summary>
    /// tcf: "-" none, "P1" standalone with purpose 1, "no" standalone without, "gppP1"/"gppNo" in the GPP EU section,
    /// "bad" undecodable standalone. gpp: "-" none, "out" US sale opt-out, "in" explicit not opted out, "sid2" only
    /// a __gpp_sid listing section 2.
    /// </summary>
    public static ConsentContext Context(string jurisdiction, string tcf, string gpp, string usp, bool gpc, ConsentOptions? options = null)
    {
        var sections = new List<(int, string)>();
        string? rawTc = tcf switch
        {
            "P1" => Tc(true),
            "no" => Tc(false),
            "bad" => "CAAAAA",
            _ => null,
        };
        if (tcf == "gppP1")
        {
            sections.Add((2, Tc(true)));
        }
        else if (tcf == "gppNo")
        {
            sections.Add((2, Tc(false)));
        }

        if (gpp == "out")
        {
            sections.Add((9, UsVaOptedOut));
        }
        else if (gpp == "in")
        {
            sections.Add((8, UsCaNotOptedOut));
        }

        var signals = new ConsentSignals
        {
            RawTcString = rawTc,
            RawGppString = sections.Count > 0 ? Gpp([.. sections.OrderBy(s => s.Item1)]) : null,
            RawGppSid = gpp == "sid2" ? "2" : null,
            RawUsPrivacy = usp == "-" ? null : usp,
            Gpc = gpc,
        };
        return ConsentPipeline.Build(signals, Jur(jurisdiction), options ?? new ConsentOptions(), Now);
    }
}
