using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;
using TrustedServer.Core.Tests.Publisher;

namespace TrustedServer.Core.Tests.Integrations;

/// <summary>Integration hooks run inside the publisher's one handler set: after the URL mapping, in registration
/// order, and with output that does not depend on how the page is chunked.</summary>
public sealed class IntegrationHooksTests
{
    private const string Tag = "<script id=ts></script>";

    private const string Page =
        "<!doctype html><html><head><title>t</title>"
        + "<script src=\"https://cdn.vendor.example/lib.js?x=1\"></script>"
        + "<link rel=preload as=script href=\"https://cdn.vendor.example/drop.js\">"
        + "<script id=cfg>var u=\"https://www.test-publisher.com/a\";var v=\"VENDOR_HOST/x\";</script>"
        + "<script>var w=\"VENDOR_HOST/kept\";</script>"
        + "<script>j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;</script>"
        + "</head><body><img src=\"https://www.test-publisher.com/i.png\"><p>text</p></body></html>";

    [Fact]
    public void Attribute_rewriters_apply_in_registration_order_after_the_url_mapping()
    {
        var ab = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: new IntegrationHtmlHooks([new Suffix("-a"), new Suffix("-b")])), Page);
        var ba = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: new IntegrationHtmlHooks([new Suffix("-b"), new Suffix("-a")])), Page);

        Assert.Contains("src=\"https://cdn.vendor.example/lib.js?x=1-a-b\"", ab, StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.vendor.example/lib.js?x=1-b-a\"", ba, StringComparison.Ordinal);

        // The mapping ran first and tags without a needle are untouched by the rewriters.
        Assert.Contains("<img src=\"https://proxy.example/i.png\">", ab, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriters_that_name_their_tags_see_only_those_and_one_that_does_not_sees_every_tag()
    {
        var named = new Suffix("-s", ["script"]);
        Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: new IntegrationHtmlHooks([named])), Page.Replace("<script src", "<SCRIPT src", StringComparison.Ordinal));
        Assert.Equal(["https://cdn.vendor.example/lib.js?x=1"], named.Seen);

        var alsoNamed = new Suffix("-s", ["script"]);
        var unnamed = new Suffix("-any");
        var output = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: new IntegrationHtmlHooks([alsoNamed, unnamed])), Page);
        Assert.Contains("href=\"https://cdn.vendor.example/drop.js-any\"", output, StringComparison.Ordinal);
        Assert.Equal(["https://cdn.vendor.example/lib.js?x=1"], alsoNamed.Seen);
    }

    [Fact]
    public void Remove_element_drops_the_tag_and_a_later_rewriter_never_sees_it()
    {
        var second = new Suffix("-late");
        var output = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: new IntegrationHtmlHooks([new DropJs(), second])), Page);

        Assert.DoesNotContain("drop.js", output, StringComparison.Ordinal);
        Assert.Contains("lib.js?x=1-late", output, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Seen, v => v.Contains("drop.js", StringComparison.Ordinal));
    }

    [Fact]
    public void Script_rewriters_see_the_mapped_text_of_matching_elements_only()
    {
        var hooks = new IntegrationHtmlHooks(scripts: [new Replace("script#cfg", "VENDOR_HOST", "/integrations/v")]);
        var output = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: hooks), Page);

        Assert.Contains("<script id=cfg>var u=\"https://proxy.example/a\";var v=\"/integrations/v/x\";</script>", output, StringComparison.Ordinal);
        Assert.Contains("<script>var w=\"VENDOR_HOST/kept\";</script>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_script_rewriters_chain_in_order()
    {
        var hooks = new IntegrationHtmlHooks(scripts: [new Replace("script", "VENDOR_HOST", "ONE"), new Replace("script", "ONE", "TWO")]);
        var output = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: hooks), Page);

        Assert.Contains("var v=\"TWO/x\"", output, StringComparison.Ordinal);
        Assert.Contains("var w=\"TWO/kept\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_injectors_come_after_the_page_integrations_and_before_the_script_tag()
    {
        var hooks = new IntegrationHtmlHooks(heads: [new Head("<meta name=first>"), new Head("<meta name=second>")]);
        var output = Rewrite(new PublisherRewriter(Urls(), scriptTag: Tag, hooks: hooks), Page);

        Assert.StartsWith("<!doctype html><html><head><meta name=first><meta name=second>" + Tag + "<title>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_output_does_not_depend_on_where_chunks_split()
    {
        var hooks = new IntegrationHtmlHooks(
            [new Suffix("-a"), new DropJs()],
            [new Replace("script", "VENDOR_HOST", "/integrations/v"), new Replace("script#cfg", "/integrations/v", "/i/v"), new GtmInlineScriptRewriter()],
            [new Head("<meta name=h>")]);
        var rewriter = new PublisherRewriter(Urls(), scriptTag: Tag, hooks: hooks);
        var whole = Rewrite(rewriter, Page);

        Assert.Contains("/i/v/x", whole, StringComparison.Ordinal);
        Assert.Contains("j.src='/integrations/google_tag_manager/gtm.js?id='+i+dl;", whole, StringComparison.Ordinal);
        for (var chunk = 1; chunk <= 40; chunk++)
        {
            Assert.Equal(whole, Rewrite(rewriter, Page, chunk));
        }
    }

    private static UrlMapperSettings Urls() => UrlMapperSettings.Create("https://www.test-publisher.com");

    private static string Rewrite(PublisherRewriter rewriter, string html, int chunk = 0) =>
        PublisherRewriterTests.Rewrite(rewriter, html, chunk: chunk);

    private sealed class Suffix(string suffix, IReadOnlyList<string>? tagNames = null) : IHtmlAttributeRewriter
    {
        public List<string> Seen { get; } = [];

        public IReadOnlyList<string> Needles => ["cdn.vendor.example"];

        public IReadOnlyList<string>? TagNames => tagNames;

        public bool Wants(string tagName, string attributeName) => attributeName is "src" or "href";

        public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document)
        {
            Seen.Add(value);
            return AttributeRewrite.Replace(value + suffix);
        }
    }

    private sealed class DropJs : IHtmlAttributeRewriter
    {
        public IReadOnlyList<string> Needles => ["drop.js"];

        public bool Wants(string tagName, string attributeName) => attributeName == "href";

        public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
            value.EndsWith("drop.js", StringComparison.Ordinal) ? AttributeRewrite.RemoveElement : AttributeRewrite.Keep;
    }

    private sealed class Replace(string selector, string from, string to) : IScriptTextRewriter
    {
        private readonly ReplacementTable _table = new([(from, to)]);

        public string Selector => selector;

        public IBodyTransform? Begin(PublisherDocument document) => _table.CreateReplacer();
    }

    private sealed class Head(string html) : IHeadInjector
    {
        public string? HeadInserts(PublisherDocument document) => html;
    }
}
