using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class CreativeUrlRewriterTests : IDisposable
{
    private readonly FirstPartyUrlSigner _signer = new("unit-test-proxy-secret", new FakeTimeProvider());
    private readonly CreativeUrlRewriter _rewriter;

    public CreativeUrlRewriterTests() =>
        _rewriter = new CreativeUrlRewriter(_signer, new DomainPatternList(["*.trusted.example"]));

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Image_src_becomes_a_signed_proxy_url_for_the_same_target()
    {
        var value = _rewriter.RewriteAttribute("img", "src", "https://cdn.example/a.png?x=1")!;

        Assert.StartsWith("/first-party/proxy?tsurl=", value, StringComparison.Ordinal);
        Assert.Equal("https://cdn.example/a.png?x=1", Target(value));
    }

    [Fact]
    public void Anchor_href_becomes_a_signed_click_url()
    {
        var value = _rewriter.RewriteAttribute("a", "href", "https://ads.example.com/click?c=123")!;

        Assert.StartsWith("/first-party/click?tsurl=", value, StringComparison.Ordinal);
        Assert.Equal("https://ads.example.com/click?c=123", Target(value));
    }

    [Theory]
    [InlineData("image", "href", "https://cdn.example/pic.svg")]
    [InlineData("image", "xlink:href", "//cdn.example/pic2.svg")]
    [InlineData("use", "href", "https://cdn.example/sprite.svg#icon")]
    [InlineData("use", "xlink:href", "//cdn.example/sprite2.svg#icon")]
    public void Svg_href_variants_are_proxied(string element, string attribute, string value)
    {
        var rewritten = _rewriter.RewriteAttribute(element, attribute, value)!;

        Assert.StartsWith("/first-party/proxy?tsurl=", rewritten, StringComparison.Ordinal);
        // The fragment is not part of the signed target, as in the original.
        Assert.DoesNotContain("#", Target(rewritten), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("img", "src", "/local/pixel.gif")]
    [InlineData("img", "src", "data:image/png;base64,AAAA")]
    [InlineData("iframe", "src", "about:blank")]
    [InlineData("script", "src", "javascript:alert(1)")]
    [InlineData("a", "href", "mailto:x@example.com")]
    [InlineData("a", "href", "/local")]
    [InlineData("img", "src", "https://img.trusted.example/a.png")]
    [InlineData("a", "href", "https://trusted.example/landing")]
    [InlineData("div", "title", "https://cdn.example/a.png")]
    [InlineData("srcset-less", "style", "color: red")]
    public void Ineligible_values_are_left_alone(string element, string attribute, string value)
    {
        Assert.Null(_rewriter.RewriteAttribute(element, attribute, value));
    }

    [Fact]
    public void Protocol_relative_url_keeps_its_non_default_port()
    {
        var value = _rewriter.RewriteAttribute("img", "src", "//cdn.example.com:9443/img/300x250.svg")!;

        Assert.Contains("cdn.example.com%3A9443", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Srcset_candidates_each_verify_to_their_own_target()
    {
        var value = _rewriter.RewriteAttribute("img", "srcset", "https://cdn.example/1x.png 1x, //cdn.example/2x.png 2x, /local.png 3x")!;
        var candidates = SrcsetRewriter.Parse(value);

        Assert.Equal(["1x", "2x", "3x"], candidates.Select(c => c.Descriptors));
        Assert.Equal("https://cdn.example/1x.png", Target(candidates[0].Url));
        Assert.Equal("https://cdn.example/2x.png", Target(candidates[1].Url));
        Assert.Equal("/local.png", candidates[2].Url);
    }

    [Fact]
    public void Inline_style_urls_are_proxied_and_relative_ones_kept()
    {
        var value = _rewriter.RewriteAttribute("div", "style", "background:url('//cdn.example/bg.jpg') no-repeat; mask:url(../rel.svg)")!;

        Assert.StartsWith("background:url('/first-party/proxy?tsurl=", value, StringComparison.Ordinal);
        Assert.EndsWith("') no-repeat; mask:url(../rel.svg)", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_css_rewriter_matches_the_whole_string_one()
    {
        const string css = ".a{background:url(https://cdn.example/s1.png)} .b{background-image:url('//cdn.example/s2.jpg')}";
        var stream = _rewriter.CreateCssRewriter();
        var output = new System.Text.StringBuilder();
        foreach (var chunk in css.Chunk(7))
        {
            stream.Push(chunk, output);
        }

        stream.Flush(output);

        Assert.Equal(_rewriter.RewriteCss(css), output.ToString());
        Assert.Equal(2, CountOf(output.ToString(), "/first-party/proxy?tsurl="));
    }

    [Fact]
    public void Base_origin_makes_urls_absolute_for_foreign_frames()
    {
        var inline = new CreativeUrlRewriter(_signer, DomainPatternList.Empty, "http://localhost:7676");

        Assert.StartsWith("http://localhost:7676/first-party/proxy?tsurl=", inline.ProxyUrlFor("https://cdn.example/a.png"), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost:7676/first-party/click?tsurl=", inline.ClickUrlFor("https://ads.example/c"), StringComparison.Ordinal);
    }

    private string Target(string signedHref)
    {
        var result = _signer.Verify(signedHref[signedHref.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.Equal(SignedUrlStatus.Valid, result.Status);
        return result.Target!.OriginalString;
    }

    private static int CountOf(string text, string needle)
    {
        var count = 0;
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
