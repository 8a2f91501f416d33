using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class CreativeHtmlHandlersTests : IDisposable
{
    private readonly FirstPartyUrlSigner _signer = new("creative-test-secret", new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
    private readonly CreativeUrlRewriter _rewriter;

    public CreativeHtmlHandlersTests() =>
        _rewriter = new CreativeUrlRewriter(_signer, new DomainPatternList(["*.excluded.example"]));

    public void Dispose() => _signer.Dispose();

    private string Proxy(string url) => Escape(_signer.BuildProxyUrl(url)!);

    private string Click(string url) => Escape(_signer.BuildClickUrl(url)!);

    // The engine escapes only ampersands that would read as character references; signed URLs have none.
    private static string Escape(string url) => url;

    private string Rewrite(string html) => CreativeHtmlHandlers.RewriteCreativeHtml(html, _rewriter);

    [Fact]
    public void Image_script_and_iframe_sources_become_signed_proxy_urls()
    {
        var output = Rewrite("<img src=\"https://cdn.example/a.png?x=1\"><script src=\"//cdn.example/s.js\"></script><iframe src=\"https://ads.example/f\"></iframe>");
        Assert.Equal(
            $"<img src=\"{Proxy("https://cdn.example/a.png?x=1")}\"><script src=\"{Proxy("https://cdn.example/s.js")}\"></script><iframe src=\"{Proxy("https://ads.example/f")}\"></iframe>",
            output);
    }

    [Fact]
    public void Anchors_and_areas_become_click_urls_copied_to_data_tsclick()
    {
        var output = Rewrite("<a href=\"https://land.example/p?q=a b\">x</a><area href=\"http://land.example/\">");
        var a = Click("https://land.example/p?q=a b");
        var area = Click("http://land.example/");
        Assert.Equal($"<a href=\"{a}\" data-tsclick=\"{a}\">x</a><area href=\"{area}\" data-tsclick=\"{area}\">", output);
    }

    [Fact]
    public void Base_elements_are_removed()
    {
        Assert.Equal("<p>x</p>", Rewrite("<base href=\"https://bidder.example/\"><p>x</p>"));
    }

    [Theory]
    [InlineData("<img src=\"data:image/png;base64,AAAA\">")]
    [InlineData("<a href=\"javascript:void(0)\">x</a>")]
    [InlineData("<a href=\"mailto:a@b.example\">x</a>")]
    [InlineData("<a href=\"tel:+100\">x</a>")]
    [InlineData("<img src=\"blob:https://x.example/1\">")]
    [InlineData("<iframe src=\"about:blank\"></iframe>")]
    [InlineData("<img src=\"/relative.png\">")]
    [InlineData("<img src=\"https://static.excluded.example/a.png\">")]
    [InlineData("<div title=\"https://cdn.example/a.png\"></div>")]
    [InlineData("<link rel=\"icon\" href=\"https://cdn.example/i.ico\">")]
    [InlineData("<input type=\"text\" src=\"https://cdn.example/i.png\">")]
    public void Excluded_schemes_domains_and_attributes_are_left_alone(string html)
    {
        Assert.Equal(html, Rewrite(html));
    }

    [Fact]
    public void Srcset_candidates_are_proxied_with_descriptors_kept_and_data_commas_intact()
    {
        var output = Rewrite("<img srcset=\"https://cdn.example/a.png 1x, data:image/png;base64,AA,BB 2x, //cdn.example/b.png 100w\">");
        Assert.Equal(
            $"<img srcset=\"{Proxy("https://cdn.example/a.png")} 1x, data:image/png;base64,AA,BB 2x, {Proxy("https://cdn.example/b.png")} 100w\">",
            output);
    }

    [Fact]
    public void Svg_image_and_use_hrefs_are_proxied_in_both_spellings()
    {
        var output = Rewrite("<svg><image href=\"https://cdn.example/a.svg\"/><use xlink:href=\"https://cdn.example/s.svg#i\"/></svg>");
        Assert.Contains($"<image href=\"{Proxy("https://cdn.example/a.svg")}\"/>", output, StringComparison.Ordinal);
        Assert.Contains($"xlink:href=\"{Proxy("https://cdn.example/s.svg#i")}\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_objects_embeds_image_inputs_and_stylesheet_links_are_proxied()
    {
        var output = Rewrite(
            "<video src=\"https://v.example/v.mp4\"></video><source src=\"https://v.example/s.webm\"><object data=\"https://v.example/o.swf\"></object>" +
            "<embed src=\"https://v.example/e\"><input type=\"image\" src=\"https://v.example/b.png\"><link rel=\"stylesheet\" href=\"https://v.example/c.css\">");
        foreach (var url in new[] { "https://v.example/v.mp4", "https://v.example/s.webm", "https://v.example/o.swf", "https://v.example/e", "https://v.example/b.png", "https://v.example/c.css" })
        {
            Assert.Contains(Proxy(url), output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"https://v.example", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_styles_and_style_blocks_have_their_urls_proxied()
    {
        var output = Rewrite("<div style=\"background:url('https://cdn.example/bg.png')\"></div><style>.a{background:url(https://cdn.example/x.png)} .b{background:url(data:image/png;base64,AA)}</style>");
        Assert.Contains($"style=\"background:url('{Proxy("https://cdn.example/bg.png")}')\"", output, StringComparison.Ordinal);
        Assert.Contains($"<style>.a{{background:url({_signer.BuildProxyUrl("https://cdn.example/x.png")})}} .b{{background:url(data:image/png;base64,AA)}}</style>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ampersands_in_signed_urls_are_escaped_inside_attributes()
    {
        var output = Rewrite("<img src=\"https://cdn.example/a.png?x=1&amp;y=2\">");
        Assert.Equal($"<img src=\"{Proxy("https://cdn.example/a.png?x=1&y=2")}\">", output);
    }

    [Fact]
    public void Every_split_point_of_small_creatives_gives_the_same_output()
    {
        string[] creatives =
        [
            "<a href=\"https://land.example/?a=1\"><img src=\"https://cdn.example/é.png\" srcset=\"//cdn.example/b.png 2x\"></a>",
            "<base href=\"https://x.example/\"><style>p{background:url( \"https://cdn.example/p.png\" )}</style><div style=\"background:url(//cdn.example/q.png)\">ü</div>",
            "<svg><use xlink:href=\"https://cdn.example/s.svg#a\"/></svg><script src=\"https://cdn.example/s.js\"></script>",
        ];
        foreach (var creative in creatives)
        {
            var bytes = Encoding.UTF8.GetBytes(creative);
            var expected = Rewrite(creative);
            for (var split = 0; split <= bytes.Length; split++)
            {
                Assert.Equal(expected, RunChunks(bytes, [split]));
            }
        }
    }

    [Fact]
    public void Random_chunkings_of_a_larger_creative_give_the_same_output()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            sb.Append($"<div class=\"c{i}\" style=\"background:url('https://cdn.example/bg{i}.png')\"><a href=\"https://land.example/{i}?q=ä&amp;r={i}\">");
            sb.Append($"<img src=\"https://cdn.example/{i}.png\" srcset=\"https://cdn.example/{i}@2x.png 2x, data:image/gif;base64,R0,lG 3x\"></a></div>");
            sb.Append($"<style>.x{i}{{background:url(\"https://cdn.example/s{i}.png\")}}</style><p>text ✓ {i}</p>");
        }

        var creative = sb.ToString();
        var bytes = Encoding.UTF8.GetBytes(creative);
        var expected = Rewrite(creative);
        var random = new Random(1234);
        for (var round = 0; round < 60; round++)
        {
            var splits = new List<int>();
            var at = 0;
            while (true)
            {
                at += random.Next(1, round % 3 == 0 ? 8 : 200);
                if (at >= bytes.Length)
                {
                    break;
                }

                splits.Add(at);
            }

            Assert.Equal(expected, RunChunks(bytes, splits));
        }
    }

    private string RunChunks(byte[] bytes, IReadOnlyList<int> splits)
    {
        var transform = CreativeHtmlHandlers.Create(_rewriter);
        var output = new ArrayBufferWriter<byte>();
        var start = 0;
        foreach (var split in splits)
        {
            transform.Process(bytes.AsSpan(start, split - start), output);
            start = split;
        }

        transform.Process(bytes.AsSpan(start), output);
        transform.Finish(output);
        (transform as IDisposable)?.Dispose();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
