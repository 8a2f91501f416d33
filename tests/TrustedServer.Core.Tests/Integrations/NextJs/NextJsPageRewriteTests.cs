using System.Buffers;
using System.Text;
using System.Text.Json;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;
using TrustedServer.Core.Rewriting.Integrations.NextJs;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Core.Tests.Flight;
using TrustedServer.Core.Tests.Publisher;

namespace TrustedServer.Core.Tests.Integrations.NextJs;

/// <summary>
/// An App Router page through the publisher handler set with the Next.js rewriters: the inline Flight payload is
/// mapped row by row (text rows' lengths written again, even for a row that spans several scripts), text children are
/// left as the HTML shows them, and other scripts keep the publisher's mapping.
/// </summary>
public sealed class NextJsPageRewriteTests
{
    private const string Origin = "https://origin.example.com";

    private static readonly PublisherRewriter Rewriter = new(
        UrlMapperSettings.Create(Origin),
        hooks: new IntegrationHtmlHooks(scripts: [new NextDataRewriter(["href", "link", "url"], 4096), new NextFlightScriptRewriter(64 * 1024)]));

    // A Flight stream as Next.js would stream it: an element row with a link, a text child showing a URL, a client
    // component's props, a long text row and a hint row.
    private static readonly string Flight =
        "0:[\"$\",\"main\",null,{\"children\":[[\"$\",\"a\",null,{\"href\":\"https://origin.example.com/about\",\"children\":\"About\"}]," +
        "[\"$\",\"p\",null,{\"children\":\"https://origin.example.com/shown\"}],[\"$\",\"style\",null,{\"children\":\"a{background:url(https://origin.example.com/bg.png)}\"}]]}]\n" +
        "1:[\"$\",\"$L2\",null,{\"imageUrl\":\"https://origin.example.com/card.svg\",\"children\":[\"see \",\"https://origin.example.com/text\"]}]\n" +
        "3:T3d,caf\u00e9 \u20ac \ud83d\ude00 {\"url\":\"https://origin.example.com/long\"} done" +
        "4:HL[\"https://origin.example.com/_next/static/css/app.css\",\"style\"]\n";

    /// <summary>The stream cut into push scripts at <paramref name="cuts"/> (offsets in the escaped string).</summary>
    private static string Page(string flight, params int[] cuts)
    {
        var escaped = JsonSerializer.Serialize(flight)[1..^1];
        var page = new StringBuilder("<!DOCTYPE html><html><head></head><body><p>https://origin.example.com/shown</p>")
            .Append("<script>(self.__next_f=self.__next_f||[]).push([0])</script>")
            .Append("<script>var x = \"https://origin.example.com/inline\";</script>");
        var start = 0;
        foreach (var cut in cuts.Append(escaped.Length))
        {
            var end = Math.Min(cut, escaped.Length);

            // A script never ends inside an escape sequence: move the cut past one.
            while (end < escaped.Length && !StringBoundary(escaped, end))
            {
                end++;
            }

            if (end > start)
            {
                page.Append("<script>self.__next_f.push([1,\"").Append(escaped, start, end - start).Append("\"])</script>");
                start = end;
            }
        }

        return page.Append("</body></html>").ToString();
    }

    private static bool StringBoundary(string escaped, int index)
    {
        // Inside an escape when an odd run of backslashes ends within six characters before the index.
        for (var back = 1; back <= 6 && index - back >= 0; back++)
        {
            var slashes = 0;
            for (var j = index - back; j >= 0 && escaped[j] == '\\'; j--)
            {
                slashes++;
            }

            if (slashes % 2 == 1)
            {
                var escapeLength = escaped[index - back + 1] switch { 'u' => 6, 'x' => 4, _ => 2 };
                return back >= escapeLength;
            }
        }

        return true;
    }

    private static string Rewrite(string html, int chunk = 0) => PublisherRewriterTests.Rewrite(Rewriter, html, "www.publisher.example", chunk);

    /// <summary>The Flight stream the browser would read: every push string decoded and concatenated.</summary>
    private static byte[] Payload(string html)
    {
        var flight = new StringBuilder();
        const string Open = "self.__next_f.push([1,\"";
        var at = 0;
        while ((at = html.IndexOf(Open, at, StringComparison.Ordinal)) >= 0)
        {
            var start = at + Open.Length;
            var end = html.IndexOf("\"])</script>", start, StringComparison.Ordinal);
            flight.Append(JsonSerializer.Deserialize<string>("\"" + html[start..end] + "\""));
            at = end;
        }

        return Encoding.UTF8.GetBytes(flight.ToString());
    }

    [Fact]
    public void Payload_links_and_props_are_mapped_and_text_children_are_not()
    {
        var output = Rewrite(Page(Flight));

        var rows = FlightRowReader.Read(Payload(output));
        Assert.Equal(["0", "1", "3", "4"], rows.Select(r => r.Id));
        Assert.Contains("\"href\":\"https://www.publisher.example/about\"", rows[0].Content, StringComparison.Ordinal);
        Assert.Contains("{\"children\":\"https://origin.example.com/shown\"}", rows[0].Content, StringComparison.Ordinal);
        Assert.Contains("url(https://www.publisher.example/bg.png)", rows[0].Content, StringComparison.Ordinal);
        Assert.Contains("\"imageUrl\":\"https://www.publisher.example/card.svg\"", rows[1].Content, StringComparison.Ordinal);
        Assert.Contains("[\"see \",\"https://origin.example.com/text\"]", rows[1].Content, StringComparison.Ordinal);
        Assert.Equal("caf\u00e9 \u20ac \ud83d\ude00 {\"url\":\"https://www.publisher.example/long\"} done", rows[2].Content);
        Assert.Contains("https://www.publisher.example/_next/static/css/app.css", rows[3].Content, StringComparison.Ordinal);

        // The page's own text and other scripts: as the publisher mapping always did.
        Assert.Contains("<p>https://origin.example.com/shown</p>", output, StringComparison.Ordinal);
        Assert.Contains("var x = \"https://www.publisher.example/inline\";", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_row_split_over_scripts_at_every_point_keeps_its_length()
    {
        var whole = Payload(Rewrite(Page(Flight)));
        var escapedLength = JsonSerializer.Serialize(Flight).Length - 2;
        for (var cut = 1; cut < escapedLength; cut++)
        {
            var page = Page(Flight, cut, cut + 7);
            var output = Rewrite(page);
            Assert.Equal(whole, Payload(output));
        }
    }

    [Fact]
    public void The_page_gives_the_same_bytes_however_it_is_chunked()
    {
        var page = Page(Flight, 40, 200, 260);
        var whole = Rewrite(page);
        for (var chunk = 1; chunk <= 64; chunk++)
        {
            Assert.Equal(whole, Rewrite(page, chunk));
        }
    }

    [Fact]
    public void A_row_longer_than_the_cap_passes_through_unmapped_and_intact()
    {
        var small = new PublisherRewriter(
            UrlMapperSettings.Create(Origin),
            hooks: new IntegrationHtmlHooks(scripts: [new NextFlightScriptRewriter(64)]));
        var flight = "5:T80," + "https://origin.example.com/" + new string('a', 128 - 27) + "6:[\"https://origin.example.com/x\"]\n";
        var page = Page(flight, 20, 60, 100);

        var output = PublisherRewriterTests.Rewrite(small, page, "www.publisher.example");

        var rows = FlightRowReader.Read(Payload(output));
        Assert.Equal("https://origin.example.com/" + new string('a', 128 - 27), rows[0].Content);
        Assert.Equal("[\"https://www.publisher.example/x\"]", rows[1].Content);
    }

    [Fact]
    public void A_stream_that_ends_inside_a_row_is_pushed_at_the_end_as_it_came()
    {
        var page = Page("7:T40,https://origin.example.com/cut");

        var output = Rewrite(page);

        Assert.Equal("7:T40,https://origin.example.com/cut", Encoding.UTF8.GetString(Payload(output)));
    }

    [Fact]
    public void Next_data_maps_values_under_the_listed_keys_only()
    {
        const string Data = "{\"props\":{\"pageProps\":{\"href\":\"https://origin.example.com/a\",\"shown\":\"https://origin.example.com/text\"," +
            "\"nested\":{\"url\":[\"https:\\/\\/origin.example.com\\/b\",\"origin.example.com/c\"]},\"link\":{\"title\":\"https://origin.example.com/t\"}}}," +
            "\"page\":\"/legacy\",\"buildId\":\"x\"}";
        var page = "<html><head></head><body><script id=\"__NEXT_DATA__\" type=\"application/json\">" + Data + "</script></body></html>";
        var whole = Rewrite(page);

        Assert.Contains(
            "{\"props\":{\"pageProps\":{\"href\":\"https://www.publisher.example/a\",\"shown\":\"https://origin.example.com/text\"," +
            "\"nested\":{\"url\":[\"https:\\/\\/www.publisher.example\\/b\",\"www.publisher.example/c\"]},\"link\":{\"title\":\"https://origin.example.com/t\"}}}",
            whole,
            StringComparison.Ordinal);
        for (var chunk = 1; chunk <= 32; chunk++)
        {
            Assert.Equal(whole, Rewrite(page, chunk));
        }
    }

    [Fact]
    public void Text_rows_lengths_count_what_the_browser_decodes()
    {
        var output = Rewrite(Page(Flight, 150));
        var decoded = Payload(output);
        var row = FlightRowReader.Read(decoded).Single(r => r.Id == "3");
        var declared = Encoding.ASCII.GetString(decoded).Split("3:T")[1].Split(',')[0];
        Assert.Equal(Encoding.UTF8.GetByteCount(row.Content), Convert.ToInt32(declared, 16));
    }

    [Fact]
    public void Flight_responses_are_rewritten_by_the_component_stream_rewriter()
    {
        var transform = new NextJsComponentStreams(1024).Create(new UrlMapper(UrlMapperSettings.Create(Origin), "https", "www.publisher.example"));
        var output = new ArrayBufferWriter<byte>();
        transform.Process(Encoding.UTF8.GetBytes(Flight), output);
        transform.Finish(output);

        var rows = FlightRowReader.Read(output.WrittenSpan.ToArray());
        Assert.Contains("\"href\":\"https://www.publisher.example/about\"", rows[0].Content, StringComparison.Ordinal);
        Assert.Contains("{\"children\":\"https://origin.example.com/shown\"}", rows[0].Content, StringComparison.Ordinal);
        Assert.Equal("caf\u00e9 \u20ac \ud83d\ude00 {\"url\":\"https://www.publisher.example/long\"} done", rows[2].Content);
    }
    [Fact]
    public void After_a_row_that_cannot_be_read_the_rest_of_the_payload_passes_as_it_came_however_chunked()
    {
        // A row id that is not hex: from there nothing can be read as Flight, so nothing is mapped.
        var flight = "0:[\"https://origin.example.com/a\"]\nzz:[\"https://origin.example.com/b\"]\n" +
            "2:[\"https://origin.example.com/c\",\"\\\"quoted\\\"\"]\n";
        var page = Page(flight, 30, 45, 70, 90);
        var whole = Rewrite(page);

        var payload = Encoding.UTF8.GetString(Payload(whole));
        Assert.StartsWith("0:[\"https://www.publisher.example/a\"]\n", payload, StringComparison.Ordinal);
        Assert.EndsWith(flight[flight.IndexOf("zz:", StringComparison.Ordinal)..], payload, StringComparison.Ordinal);
        Assert.Equal(page[page.IndexOf("zz:", StringComparison.Ordinal)..], whole[whole.IndexOf("zz:", StringComparison.Ordinal)..]);
        for (var chunk = 1; chunk <= 48; chunk++)
        {
            Assert.Equal(whole, Rewrite(page, chunk));
        }
    }

    [Fact]
    public void Vendor_script_rewriters_leave_push_scripts_alone_and_still_rewrite_other_scripts()
    {
        var rewriter = new PublisherRewriter(
            UrlMapperSettings.Create(Origin),
            hooks: new IntegrationHtmlHooks(scripts: [new NextFlightScriptRewriter(64 * 1024), new GtmInlineScriptRewriter()]));
        const string Gtm = "https://www.googletagmanager.com/gtm.js?id=GTM-X";
        var flight = "5:T" + Gtm.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "," + Gtm + "6:[\"ok\"]\n";
        var page = Page(flight, 12).Replace(
            "</body>",
            "<script>j.src='https://www.googletagmanager.com/gtm.js?id='+i;</script></body>",
            StringComparison.Ordinal);

        for (var chunk = 0; chunk <= 40; chunk += 5)
        {
            var output = PublisherRewriterTests.Rewrite(rewriter, page, "www.publisher.example", chunk);

            // The text row keeps the bytes its length counts; the loader snippet outside the payload goes first-party.
            var rows = FlightRowReader.Read(Payload(output));
            Assert.Equal(Gtm, rows.Single(r => r.Id == "5").Content);
            Assert.Equal("[\"ok\"]", rows.Single(r => r.Id == "6").Content);
            Assert.Contains("j.src='/integrations/google_tag_manager/gtm.js?id='+i;", output, StringComparison.Ordinal);
        }
    }
}
