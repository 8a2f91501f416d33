using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.SignedUrls;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class SigningVectorTests
{
    private static readonly Dictionary<string, JsonElement> Vectors = Load();

    public static TheoryData<string> Names => [.. Vectors.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Token_matches_the_independent_implementation(string name)
    {
        var v = Vectors[name];
        using var signer = new FirstPartyUrlSigner(v.GetProperty("secret").GetString()!, TimeProvider.System);

        Assert.Equal(v.GetProperty("token").GetString(), signer.ComputeToken(v.GetProperty("signedString").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Built_href_is_byte_identical(string name)
    {
        var v = Vectors[name];
        using var signer = new FirstPartyUrlSigner(v.GetProperty("secret").GetString()!, TimeProvider.System);
        var extra = v.GetProperty("extra").EnumerateArray()
            .Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!))
            .ToList();

        var href = signer.Build(v.GetProperty("clearUrl").GetString()!, RouteOf(v), extraPairs: extra);

        Assert.Equal(v.GetProperty("href").GetString(), href);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Href_verifies_and_yields_the_target(string name)
    {
        var v = Vectors[name];
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        using var signer = new FirstPartyUrlSigner(v.GetProperty("secret").GetString()!, time);
        var href = v.GetProperty("href").GetString()!;

        var result = signer.Verify(href[href.IndexOf('?', StringComparison.Ordinal)..]);

        Assert.Equal(v.GetProperty("tsurl").GetString(), result.TsUrl);
        if (v.GetProperty("tsurl").GetString()!.Contains('@', StringComparison.Ordinal))
        {
            // Correctly signed, but we never send credentials to a third party.
            Assert.Equal(SignedUrlStatus.InvalidTarget, result.Status);
            return;
        }

        Assert.Equal(SignedUrlStatus.Valid, result.Status);
        Assert.NotNull(result.Target);
        Assert.StartsWith(v.GetProperty("tsurl").GetString()!, result.Target.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Vector_file_covers_both_routes_and_an_expiry()
    {
        Assert.True(Vectors.Count >= 15);
        Assert.Contains(Vectors.Values, v => RouteOf(v) == FirstPartyRoute.Click);
        Assert.Contains(Vectors.Values, v => v.GetProperty("href").GetString()!.Contains("&tsexp=", StringComparison.Ordinal));
    }

    private static FirstPartyRoute RouteOf(JsonElement v) =>
        v.GetProperty("basePath").GetString() == FirstPartyUrlSigner.ClickPath ? FirstPartyRoute.Click : FirstPartyRoute.Proxy;

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "FirstParty", "vectors", "signing-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("vectors").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.Clone());
    }
}
