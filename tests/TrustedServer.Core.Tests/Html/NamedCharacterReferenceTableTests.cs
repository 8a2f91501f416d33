using System.Text;
using System.Text.Json;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Tests.Html;

/// <summary>The generated table (generate_named_references.py) equals what the html5lib suite decodes.</summary>
public sealed class NamedCharacterReferenceTableTests
{
    [Fact]
    public void The_table_holds_exactly_the_names_the_suite_decodes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Fixtures, "html5lib-tokenizer", "namedEntities.test")));
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in doc.RootElement.GetProperty("tests").EnumerateArray())
        {
            var input = t.GetProperty("input").GetString()!;
            var output = string.Concat(t.GetProperty("output").EnumerateArray().Where(x => x[0].GetString() == "Character").Select(x => x[1].GetString()));
            if (output != input)
            {
                expected[input[1..]] = output;
            }
        }

        var actual = new SortedDictionary<string, string>(NamedCharacterReferences.All.ToDictionary(x => x.Name, x => x.Value), StringComparer.Ordinal);
        Assert.Equal(2231, actual.Count);
        Assert.Equal(expected, actual);
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, NamedCharacterReferences.Find(Encoding.ASCII.GetBytes(name)));
        }
    }

    [Theory]
    [InlineData("&amp;&lt;&gt;&quot;&#39;", "&<>\"'")]
    [InlineData("&notin;&not;x&notit;", "∉¬x&notit;")]
    [InlineData("a&copy=1&b", "a&copy=1&b")]
    [InlineData("&#x80;&#0;&#xD800;&#x110000;&#65", "€\uFFFD\uFFFD\uFFFDA")]
    [InlineData("&;&#;&#x;&zzz;", "&;&#;&#x;&zzz;")]
    public void Attribute_values_decode_like_a_browser(string raw, string expected) =>
        Assert.Equal(expected, CharacterReferences.Decode(Encoding.UTF8.GetBytes(raw), inAttribute: true, Encoding.UTF8));
}
