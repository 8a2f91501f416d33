using System.Text.Json;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class NormalisationVectorTests
{
    private static readonly List<(string Input, string? TsUrl, string? Query)> Cases = Load();

    public static TheoryData<int> Indexes => [.. Enumerable.Range(0, Cases.Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Tsurl_and_query_match_the_whatwg_reference(int index)
    {
        var (input, tsurl, query) = Cases[index];

        var ok = WhatwgHttpUrl.TryParse(input, out var actualTsUrl, out var rawQuery);

        if (tsurl is null)
        {
            Assert.False(ok, $"{input} should not be signable, got {actualTsUrl}");
            return;
        }

        Assert.True(ok, $"{input} should parse");
        Assert.Equal(tsurl, actualTsUrl);
        Assert.Equal(query, FormUrlEncoding.Serialize(FormUrlEncoding.Parse(rawQuery ?? string.Empty)));
        Assert.Equal(tsurl, FirstPartyUrlSigner.NormalizeTarget(input));
    }

    private static List<(string, string?, string?)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "FirstParty", "vectors", "signing-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("normalisation").EnumerateArray()
            .Select(v => (v.GetProperty("input").GetString()!, v.GetProperty("tsurl").GetString(), v.GetProperty("query").GetString()))
            .ToList();
    }
}
