using System.Text.Json;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class GppVectorTests
{
    [Fact]
    public void Every_reference_vector_decodes_to_the_same_sections_and_fields_as_iabgpp_cmpapi()
    {
        using var doc = VectorFiles.Load("gpp-vectors.json.gz");
        var count = 0;
        var sectionsChecked = 0;
        var seenIds = new HashSet<int>();
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var s = v.GetProperty("s").GetString()!;
            Assert.True(GppDecoder.TryDecode(s, out var gpp, out var error), $"vector {count}: {error}");
            Assert.Empty(gpp.SectionErrors);
            var expected = v.GetProperty("expected");
            Assert.Equal(expected.GetProperty("sectionIds").EnumerateArray().Select(x => x.GetInt32()), gpp.SectionIds);
            foreach (var section in expected.GetProperty("sections").EnumerateObject())
            {
                CheckSection(section.Name, section.Value, gpp, count);
                sectionsChecked++;
            }

            seenIds.UnionWith(gpp.SectionIds);
            count++;
        }

        Assert.True(count >= 300, $"only {count} vectors");
        Assert.Superset(Enumerable.Range(6, 22).Append(2).ToHashSet(), seenIds);
        Assert.True(sectionsChecked > count);
    }

    private static void CheckSection(string name, JsonElement expected, GppConsent gpp, int index)
    {
        if (name == "tcfeuv2")
        {
            Assert.NotNull(gpp.EuTcf);
            TcfVectorTests.AssertMatches(expected.GetProperty("tcf"), gpp.EuTcf, index);
            Assert.Equal(
                expected.GetProperty("purposeConsentsGpp").EnumerateArray().Select((b, i) => (b.GetBoolean(), i + 1)).Where(x => x.Item1).Select(x => x.Item2),
                gpp.EuTcf.PurposeConsents);
            Assert.Equal(expected.GetProperty("vendorConsentsGpp").EnumerateArray().Select(x => x.GetInt32()), gpp.EuTcf.VendorConsents);
            return;
        }

        if (name == "uspv1")
        {
            Assert.NotNull(gpp.UspV1);
            var text = $"{expected.GetProperty("Version").GetInt32()}{expected.GetProperty("Notice").GetString()}{expected.GetProperty("OptOutSale").GetString()}{expected.GetProperty("LspaCovered").GetString()}";
            Assert.Equal(text, gpp.UspV1.ToString());
            return;
        }

        var section = Assert.Single(gpp.UsSections, s => s.Name == name);
        Assert.Equal(expected.GetProperty("segmentCount").GetInt32() > 1, section.SecondSegmentIncluded);
        var names = new List<string>();
        foreach (var prop in expected.EnumerateObject())
        {
            if (prop.Name == "segmentCount")
            {
                continue;
            }

            names.Add(prop.Name);
            var field = Assert.Single(section.Fields, f => f.Name == prop.Name);
            switch (prop.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    Assert.Equal(prop.Value.EnumerateArray().Select(x => x.GetInt32()), field.Values!);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Assert.Equal(prop.Value.GetBoolean() ? 1 : 0, field.Value);
                    break;
                default:
                    Assert.True(prop.Value.GetInt32() == field.Value, $"vector {index} {name}.{prop.Name}");
                    break;
            }
        }

        Assert.Equal(names, section.Fields.Select(f => f.Name));
    }
}
