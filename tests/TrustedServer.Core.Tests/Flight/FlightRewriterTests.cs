using System.Buffers;
using System.Text;
using System.Text.Json;
using TrustedServer.Core.Rewriting.Flight;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Flight;

public sealed class FlightRewriterTests
{
    private static readonly UrlMapper Mapper = new(UrlMapperSettings.Create("https://origin.example.com"), "https", "www.publisher.example");

    // A text row holding a link, one holding non-ASCII text (2-, 3- and 4-byte characters), JSON rows with links, a
    // look-alike host, a bare host (text, left alone) and a row with no link.
    private const string Stream =
        "0:[\"$\",\"a\",null,{\"href\":\"https://origin.example.com/news\",\"children\":\"News\"}]\n" +
        "1a:T2c,{\"url\":\"https://origin.example.com/a/b?c=1\"}" +
        "2:I[\"chunk\",\"//origin.example.com/_next/x.js\"]\n" +
        "3:T29,caf\u00e9 \u20ac \ud83d\ude00 https://origin.example.com" +
        "4:\"see origin.example.com or https://cdn.origin.example.com/i.png\"\n" +
        "5:null\n";

    [Fact]
    public void Raw_stream_maps_links_and_rewrites_each_text_rows_length()
    {
        var output = Rewrite(Encoding.UTF8.GetBytes(Stream), FlightEncoding.Raw, [int.MaxValue]);

        var rows = FlightRowReader.Read(output);
        Assert.Equal(["0", "1a", "2", "3", "4", "5"], rows.Select(r => r.Id));
        Assert.Equal("{\"url\":\"https://www.publisher.example/a/b?c=1\"}", rows[1].Content);
        Assert.Equal("caf\u00e9 \u20ac \ud83d\ude00 https://www.publisher.example", rows[3].Content);
        Assert.Contains("\"href\":\"https://www.publisher.example/news\"", rows[0].Content, StringComparison.Ordinal);
        Assert.Contains("//www.publisher.example/_next/x.js", rows[2].Content, StringComparison.Ordinal);
        Assert.Equal("\"see origin.example.com or https://cdn.origin.example.com/i.png\"", rows[4].Content);
        Assert.Contains("1a:T2f,", Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Hint_rows_without_an_id_are_mapped_and_binary_rows_pass_through_by_their_length()
    {
        // A typed array row holds raw bytes (here a newline and an origin URL) counted by its length, not a newline.
        const string Input = ":HL[\"https://origin.example.com/a.css\",\"style\"]\n5:o23,\nhttps://origin.example.com/bin!!!!6:[\"https://origin.example.com/x\"]\n";
        var input = Encoding.UTF8.GetBytes(Input);
        var whole = Rewrite(input, FlightEncoding.Raw, [int.MaxValue]);

        Assert.Equal(
            ":HL[\"https://www.publisher.example/a.css\",\"style\"]\n5:o23,\nhttps://origin.example.com/bin!!!!6:[\"https://www.publisher.example/x\"]\n",
            Encoding.UTF8.GetString(whole));
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(whole, Rewrite(input, FlightEncoding.Raw, [split, int.MaxValue]));
        }
    }

    [Fact]
    public void Raw_stream_gives_the_same_bytes_split_at_every_position()
    {
        var input = Encoding.UTF8.GetBytes(Stream);
        var whole = Rewrite(input, FlightEncoding.Raw, [int.MaxValue]);
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(whole, Rewrite(input, FlightEncoding.Raw, [split, int.MaxValue]));
        }
    }

    [Fact]
    public void Javascript_string_payload_keeps_its_escapes_and_counts_decoded_bytes()
    {
        // As Next.js inlines it: the Flight text as a JavaScript string literal's body, with every escape JSON has.
        var escaped = JsonSerializer.Serialize(Stream)[1..^1];
        Assert.Contains("\\u20AC", escaped, StringComparison.OrdinalIgnoreCase);

        var output = Encoding.UTF8.GetString(Rewrite(Encoding.UTF8.GetBytes(escaped), FlightEncoding.JavaScriptString, [int.MaxValue]));

        var decoded = JsonSerializer.Deserialize<string>("\"" + output + "\"")!;
        var rows = FlightRowReader.Read(Encoding.UTF8.GetBytes(decoded));
        Assert.Equal(["0", "1a", "2", "3", "4", "5"], rows.Select(r => r.Id));
        Assert.Equal("caf\u00e9 \u20ac \ud83d\ude00 https://www.publisher.example", rows[3].Content);
        Assert.Equal("{\"url\":\"https://www.publisher.example/a/b?c=1\"}", rows[1].Content);
        Assert.Contains("\\u20AC", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Javascript_string_payload_gives_the_same_bytes_split_at_every_position()
    {
        var input = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Stream)[1..^1]);
        var whole = Rewrite(input, FlightEncoding.JavaScriptString, [int.MaxValue]);
        for (var split = 0; split <= input.Length; split++)
        {
            Assert.Equal(whole, Rewrite(input, FlightEncoding.JavaScriptString, [split, int.MaxValue]));
        }
    }

    [Fact]
    public void Random_chunkings_of_a_long_stream_give_the_same_bytes()
    {
        var input = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Stream, 40)));
        var whole = Rewrite(input, FlightEncoding.Raw, [int.MaxValue]);
        var random = new Random(7);
        for (var run = 0; run < 50; run++)
        {
            var sizes = Enumerable.Range(0, 200).Select(_ => random.Next(1, 64)).ToArray();
            Assert.Equal(whole, Rewrite(input, FlightEncoding.Raw, sizes));
        }
    }

    [Fact]
    public void Escaped_lengths_count_what_the_browser_encodes()
    {
        // \xe9 is U+00E9 (2 bytes), \u00e9 likewise, \ud83d\ude00 one 4-byte character, a lone \ud800 becomes U+FFFD (3),
        // \/ and \" one byte each: 2+2+4+3+1+1 = 13, then the 20-byte link, 0x21; mapped, the link is 23 bytes: 0x24.
        const string Payload = "1:T21,\\xe9\\u00e9\\ud83d\\ude00\\ud800\\/\\\"//origin.example.com";

        var output = Encoding.UTF8.GetString(Rewrite(Encoding.ASCII.GetBytes(Payload), FlightEncoding.JavaScriptString, [int.MaxValue]));

        Assert.Equal("1:T24,\\xe9\\u00e9\\ud83d\\ude00\\ud800\\/\\\"//www.publisher.example", output);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html>https://origin.example.com")]
    [InlineData("1:T5,ab")]
    [InlineData("zz:[\"https://origin.example.com\"]\n")]
    [InlineData("1:T2,\u00e9\u00e9https://origin.example.com")]
    public void What_cannot_be_framed_passes_through_as_it_came(string input)
    {
        var bytes = Encoding.UTF8.GetBytes(input);

        Assert.Equal(bytes, Rewrite(bytes, FlightEncoding.Raw, [3, int.MaxValue]));
    }

    [Fact]
    public void A_row_over_the_cap_passes_through_unmapped_and_the_next_row_is_mapped()
    {
        var longRow = "1:\"" + new string('x', 5000) + " https://origin.example.com\"\n";
        var input = Encoding.UTF8.GetBytes(longRow + "2:T1a,https://origin.example.com");

        var output = Encoding.UTF8.GetString(Rewrite(input, FlightEncoding.Raw, [100, 100, int.MaxValue], maxRowBytes: 1024));

        Assert.Equal(longRow + "2:T1d,https://www.publisher.example", output);
    }

    private static byte[] Rewrite(byte[] input, FlightEncoding encoding, int[] chunkSizes, int maxRowBytes = 1024 * 1024)
    {
        using var rewriter = new FlightRewriter(Mapper, encoding, maxRowBytes);
        var output = new ArrayBufferWriter<byte>();
        var offset = 0;
        var next = 0;
        while (offset < input.Length)
        {
            var size = Math.Min(chunkSizes[Math.Min(next++, chunkSizes.Length - 1)], input.Length - offset);
            rewriter.Process(input.AsSpan(offset, size), output);
            offset += size;
        }

        rewriter.Finish(output);
        return output.WrittenSpan.ToArray();
    }
}
