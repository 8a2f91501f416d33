using System.Text.Json;
using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.Tests.Consent;

public sealed class HostileInputTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/= ";

    [Fact]
    public void Mutated_reference_vectors_never_throw_from_any_decoder()
    {
        var random = new Random(1234);
        using var tcf = VectorFiles.Load("tcf-vectors.json.gz");
        using var gpp = VectorFiles.Load("gpp-vectors.json.gz");
        var inputs = tcf.RootElement.GetProperty("vectors").EnumerateArray().Take(300)
            .Concat(gpp.RootElement.GetProperty("vectors").EnumerateArray().Take(300))
            .Select(v => v.GetProperty("s").GetString()!)
            .ToList();
        var decoded = 0;
        foreach (var s in inputs)
        {
            for (var m = 0; m < 20; m++)
            {
                var chars = s.ToCharArray();
                var mutated = (m % 4) switch
                {
                    0 => s[..random.Next(s.Length)],
                    1 => Replace(chars, random),
                    2 => s.Insert(random.Next(s.Length), Alphabet[random.Next(Alphabet.Length)].ToString()),
                    _ => s.Remove(random.Next(s.Length), 1),
                };
                if (TcfDecoder.TryDecode(mutated, out _, out _))
                {
                    decoded++;
                }

                _ = GppDecoder.TryDecode(mutated, out _, out _);
                _ = ConsentStringDecoder.TryDecodeToJson(mutated, out _, out _);
            }
        }

        Assert.True(decoded > 0);
    }

    [Fact]
    public void Decoded_vectors_render_to_json_with_the_same_vendor_counts()
    {
        using var doc = VectorFiles.Load("tcf-vectors.json.gz");
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray().Take(200))
        {
            var s = v.GetProperty("s").GetString()!;
            Assert.True(ConsentStringDecoder.TryDecodeToJson(s, out var json, out var error), error);
            Assert.True(TcfDecoder.TryDecode(s, out var tcf, out _));
            using var rendered = JsonDocument.Parse(json);
            Assert.Equal(tcf.VendorConsents.Count, rendered.RootElement.GetProperty("vendorConsents").GetArrayLength());
            Assert.Equal(v.GetProperty("expected").GetProperty("created").GetString(), rendered.RootElement.GetProperty("created").GetString());
        }
    }

    private static string Replace(char[] chars, Random random)
    {
        chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }
}
