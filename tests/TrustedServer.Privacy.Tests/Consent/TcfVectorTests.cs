using System.Globalization;
using System.Text.Json;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class TcfVectorTests
{
    [Fact]
    public void Every_reference_vector_decodes_to_the_same_fields_as_iabtcf_core()
    {
        using var doc = VectorFiles.Load("tcf-vectors.json.gz");
        var vectors = doc.RootElement.GetProperty("vectors");
        var count = 0;
        var rangeEncoded = 0;
        var bitFieldEncoded = 0;
        foreach (var v in vectors.EnumerateArray())
        {
            var s = v.GetProperty("s").GetString()!;
            Assert.True(TcfDecoder.TryDecode(s, out var tcf, out var error), $"vector {count}: {error}");
            AssertMatches(v.GetProperty("expected"), tcf, count);
            if (tcf.VendorConsentsEncoding == TcfVendorEncoding.Range)
            {
                rangeEncoded++;
            }
            else
            {
                bitFieldEncoded++;
            }

            count++;
        }

        Assert.True(count >= 2000, $"only {count} vectors");
        Assert.True(rangeEncoded > 100 && bitFieldEncoded > 100, $"range {rangeEncoded}, bitfield {bitFieldEncoded}");
    }

    internal static void AssertMatches(JsonElement e, TcfConsent tcf, int index)
    {
        var at = $"vector {index}";
        Assert.Equal(e.GetProperty("version").GetInt32(), tcf.Version);
        Assert.Equal(e.GetProperty("created").GetString(), Iso(tcf.Created));
        Assert.Equal(e.GetProperty("lastUpdated").GetString(), Iso(tcf.LastUpdated));
        Assert.Equal(e.GetProperty("cmpId").GetInt32(), tcf.CmpId);
        Assert.Equal(e.GetProperty("cmpVersion").GetInt32(), tcf.CmpVersion);
        Assert.Equal(e.GetProperty("consentScreen").GetInt32(), tcf.ConsentScreen);
        Assert.Equal(e.GetProperty("consentLanguage").GetString(), tcf.ConsentLanguage);
        Assert.Equal(e.GetProperty("vendorListVersion").GetInt32(), tcf.VendorListVersion);
        Assert.Equal(e.GetProperty("policyVersion").GetInt32(), tcf.PolicyVersion);
        Assert.Equal(e.GetProperty("isServiceSpecific").GetBoolean(), tcf.IsServiceSpecific);
        Assert.Equal(e.GetProperty("useNonStandardStacks").GetBoolean(), tcf.UseNonStandardStacks);
        Assert.Equal(e.GetProperty("purposeOneTreatment").GetBoolean(), tcf.PurposeOneTreatment);
        Assert.Equal(e.GetProperty("publisherCountryCode").GetString(), tcf.PublisherCountryCode);
        AssertSet(e, "specialFeatureOptins", tcf.SpecialFeatureOptins, at);
        AssertSet(e, "purposeConsents", tcf.PurposeConsents, at);
        AssertSet(e, "purposeLegitimateInterests", tcf.PurposeLegitimateInterests, at);
        AssertSet(e, "vendorConsents", tcf.VendorConsents, at);
        AssertSet(e, "vendorLegitimateInterests", tcf.VendorLegitimateInterests, at);
        AssertSet(e, "vendorsDisclosed", tcf.VendorsDisclosed ?? IdSet.Empty, at);
        var pub = tcf.PublisherTc;
        AssertSet(e, "publisherConsents", pub?.PublisherConsents ?? IdSet.Empty, at);
        AssertSet(e, "publisherLegitimateInterests", pub?.PublisherLegitimateInterests ?? IdSet.Empty, at);
        AssertSet(e, "publisherCustomConsents", pub?.PublisherCustomConsents ?? IdSet.Empty, at);
        AssertSet(e, "publisherCustomLegitimateInterests", pub?.PublisherCustomLegitimateInterests ?? IdSet.Empty, at);
        Assert.Equal(e.GetProperty("numCustomPurposes").GetInt32(), pub?.NumCustomPurposes ?? 0);

        var expected = e.GetProperty("publisherRestrictions").EnumerateArray()
            .Select(r => $"{r.GetProperty("purposeId").GetInt32()}/{r.GetProperty("restrictionType").GetInt32()}:{r.GetProperty("vendors").GetString()}")
            .ToList();
        var actual = tcf.PublisherRestrictions
            .OrderBy(r => r.PurposeId).ThenBy(r => (int)r.RestrictionType)
            .Select(r => $"{r.PurposeId}/{(int)r.RestrictionType}:{string.Join(',', r.NormalizedRanges().Select(x => x.Start == x.End ? $"{x.Start}" : $"{x.Start}-{x.End}"))}")
            .ToList();
        Assert.Equal(expected, actual);
    }

    private static void AssertSet(JsonElement e, string name, IdSet actual, string at)
    {
        var expected = e.GetProperty(name).GetString();
        var got = actual.ToString();
        Assert.True(expected == got, $"{at} {name}: expected [{expected}] got [{got}]");
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
