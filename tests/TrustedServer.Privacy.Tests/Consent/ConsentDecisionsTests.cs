using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using static TrustedServer.Privacy.Tests.Consent.ConsentFixtures;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class ConsentDecisionsTests
{
    [Theory]
    // GDPR: purpose 1 from the standalone string or the GPP EU section; no TCF denies.
    [InlineData("GDPR", "-", "-", "-", false, false)]
    [InlineData("GDPR", "P1", "-", "-", false, true)]
    [InlineData("GDPR", "no", "-", "-", false, false)]
    [InlineData("GDPR", "gppP1", "-", "-", false, true)]
    [InlineData("GDPR", "gppNo", "-", "-", false, false)]
    [InlineData("GDPR", "bad", "-", "-", false, false)]
    [InlineData("GDPR", "-", "in", "1YNN", false, false)]
    [InlineData("GDPR", "P1", "-", "-", true, true)]
    // US state: GPC, GPP opt-out and USP opt-out deny first, even over TCF purpose 1.
    [InlineData("US", "P1", "-", "-", true, false)]
    [InlineData("US", "P1", "out", "-", false, false)]
    [InlineData("US", "P1", "-", "1YYN", false, false)]
    [InlineData("US", "-", "-", "-", true, false)]
    // then TCF purpose 1 when present, over an explicit GPP "not opted out".
    [InlineData("US", "P1", "-", "-", false, true)]
    [InlineData("US", "no", "-", "-", false, false)]
    [InlineData("US", "no", "in", "-", false, false)]
    [InlineData("US", "gppP1", "-", "-", false, true)]
    // then GPP "not opted out", then a USP string without opt-out; no signals deny.
    [InlineData("US", "-", "in", "-", false, true)]
    [InlineData("US", "-", "in", "1YNN", false, true)]
    [InlineData("US", "-", "-", "1YNN", false, true)]
    [InlineData("US", "-", "-", "1---", false, true)]
    [InlineData("US", "-", "-", "-", false, false)]
    [InlineData("US", "bad", "-", "-", false, false)]
    [InlineData("US", "-", "-", "garbage", false, false)]
    // Non-regulated allows whatever the signals; unknown denies whatever the signals.
    [InlineData("NR", "-", "-", "-", false, true)]
    [InlineData("NR", "no", "out", "1YYN", true, true)]
    [InlineData("UNK", "-", "-", "-", false, false)]
    [InlineData("UNK", "P1", "in", "1YNN", false, false)]
    public void Allows_ec_creation_follows_the_reference_table(string jur, string tcf, string gpp, string usp, bool gpc, bool expected) =>
        Assert.Equal(expected, ConsentDecisions.AllowsEcCreation(Context(jur, tcf, gpp, usp, gpc)));

    [Theory]
    [InlineData("GDPR", "no", "-", "-", false, true)]
    [InlineData("GDPR", "gppNo", "-", "-", false, true)]
    [InlineData("GDPR", "P1", "-", "-", false, false)]
    [InlineData("GDPR", "-", "-", "-", false, false)]
    [InlineData("GDPR", "bad", "-", "-", false, false)]
    [InlineData("GDPR", "-", "out", "1YYN", true, false)]
    [InlineData("US", "-", "-", "-", true, true)]
    [InlineData("US", "-", "out", "-", false, true)]
    [InlineData("US", "-", "-", "1YYN", false, true)]
    [InlineData("US", "no", "-", "-", false, true)]
    [InlineData("US", "P1", "-", "-", false, false)]
    [InlineData("US", "-", "in", "1YNN", false, false)]
    [InlineData("US", "-", "-", "-", false, false)]
    [InlineData("NR", "no", "out", "1YYN", true, false)]
    [InlineData("UNK", "no", "out", "1YYN", true, false)]
    public void Explicit_withdrawal_follows_the_reference_table(string jur, string tcf, string gpp, string usp, bool gpc, bool expected) =>
        Assert.Equal(expected, ConsentDecisions.HasExplicitEcWithdrawal(Context(jur, tcf, gpp, usp, gpc)));

    [Theory]
    [InlineData("GDPR", "P1", "-", true)]
    [InlineData("GDPR", "gppP1", "-", true)]
    [InlineData("GDPR", "no", "-", false)]
    [InlineData("GDPR", "-", "-", false)]
    [InlineData("US", "-", "-", true)]
    [InlineData("US", "-", "out", true)]
    [InlineData("US", "P1", "-", true)]
    [InlineData("US", "no", "-", false)]
    [InlineData("US", "-", "sid2", false)]
    [InlineData("US", "bad", "-", false)]
    [InlineData("NR", "-", "-", true)]
    [InlineData("NR", "no", "-", false)]
    [InlineData("NR", "-", "sid2", false)]
    [InlineData("NR", "gppP1", "-", true)]
    [InlineData("UNK", "-", "-", false)]
    [InlineData("UNK", "P1", "-", true)]
    [InlineData("UNK", "no", "-", false)]
    public void Server_side_auction_follows_the_reference_table(string jur, string tcf, string gpp, bool expected) =>
        Assert.Equal(expected, ConsentDecisions.AllowsServerSideAuction(Context(jur, tcf, gpp, "-", false)));

    [Theory]
    [InlineData(true, true, "P1", true)]
    [InlineData(true, false, "P1", false)]
    [InlineData(false, true, "no", false)]
    [InlineData(false, false, "-", true)]
    [InlineData(false, false, "sid2", false)]
    public void Eids_are_gated_by_purposes_one_and_four_or_dropped_when_gdpr_applies_without_tcf(bool p1, bool p4, string signal, bool kept)
    {
        var ctx = signal switch
        {
            "P1" or "no" => ConsentPipeline.Build(new ConsentSignals { RawTcString = Tc(p1, p4) }, Jurisdiction.Gdpr, new ConsentOptions(), Now),
            _ => Context("US", "-", signal, "-", false),
        };
        var eids = new[] { "a", "b" };
        Assert.Equal(kept, ConsentDecisions.GateEidsByConsent(eids, ctx) is not null);
    }

    [Fact]
    public void Empty_or_missing_eids_are_null_and_no_context_keeps_them()
    {
        Assert.Null(ConsentDecisions.GateEidsByConsent(Array.Empty<string>(), null));
        Assert.Null(ConsentDecisions.GateEidsByConsent<string>(null, null));
        Assert.NotNull(ConsentDecisions.GateEidsByConsent(new[] { "a" }, null));
    }
}
