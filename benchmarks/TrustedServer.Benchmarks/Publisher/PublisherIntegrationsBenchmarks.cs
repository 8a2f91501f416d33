using System.Buffers;
using BenchmarkDotNet.Attributes;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Integrations.GoogleTagManager;
using TrustedServer.Core.Rewriting.Integrations.Gpt;
using TrustedServer.Core.Rewriting.Integrations.NextJs;
using TrustedServer.Core.Rewriting.Integrations.Prebid;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Benchmarks.Publisher;

/// <summary>
/// The publisher rewrite of the 554 KB Next.js article with the prebid, gpt, google_tag_manager and nextjs integrations'
/// HTML hooks (tag rewriters and removers, the GTM inline-script rewriter on every script, the nextjs script rewriters
/// in place of the script mapping, the head inserts) against the same rewrite without them: the integrations' cost per
/// page. The article's inline Flight has stale text-row lengths (see tests/fixtures/README.md), so the nextjs rewriter
/// passes the rest of it through from the first of them, as it would on such a page; <see cref="ValidFlight"/> rewrites
/// the article with those lengths made right, so the whole payload is read.
/// </summary>
[MemoryDiagnoser]
public class PublisherIntegrationsBenchmarks
{
    private const int ChunkSize = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private byte[] _body = [];
    private PublisherRewriter _rewriter = null!;

    /// <summary>Which hooks: none, all, or one kind only.</summary>
    [Params("none", "all", "attributes", "scripts", "heads", "nextjs")]
    public string Integrations { get; set; } = "none";

    /// <summary>Rewrite the article with its Flight text rows' lengths made right (<see cref="BenchmarkData.NextJsArticleWithValidFlight"/>).</summary>
    public bool ValidFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = ValidFlight ? BenchmarkData.NextJsArticleWithValidFlight() : BenchmarkData.NextJsArticle();
        var urls = UrlMapperSettings.Create("https://www.test-publisher.com");
        if (Integrations == "none")
        {
            _rewriter = new PublisherRewriter(urls);
            return;
        }

        var options = new TrustedServerOptions
        {
            Publisher = new PublisherOptions { Domain = "www.test-publisher.com", OriginUrl = new Uri("https://www.test-publisher.com") },
            Auction = new AuctionOptions
            {
                Prebid = new PrebidOptions
                {
                    Enabled = true,
                    Client = new PrebidClientOptions { ExternalBundleUrl = new Uri("https://assets.example.com/prebid.js"), ExternalBundleSha256 = new string('a', 64) },
                },
            },
        };
        IHtmlAttributeRewriter[] attributes = [new PrebidTagRemover(PrebidClientOptions.DefaultScriptPatterns), new GptTagRewriter(), new GtmTagRewriter()];
        IScriptTextRewriter[] nextjs = [new NextDataRewriter(NextJsOptions.DefaultRewriteAttributes, NextJsOptions.DefaultMaxCombinedPayloadBytes), new NextFlightScriptRewriter(NextJsOptions.DefaultMaxCombinedPayloadBytes)];
        IScriptTextRewriter[] scripts = [new GtmInlineScriptRewriter(), .. nextjs];
        IHeadInjector[] heads = [new PrebidHeadConfig(options), new GptBootstrap(new GptOptions())];
        var hooks = new IntegrationHtmlHooks(
            Integrations is "all" or "attributes" ? attributes : [],
            Integrations switch { "all" or "scripts" => scripts, "nextjs" => nextjs, _ => [] },
            Integrations is "all" or "heads" ? heads : []);
        _rewriter = new PublisherRewriter(urls, hooks: hooks);
    }

    [Benchmark]
    public int RewriteArticlePage()
    {
        _output.ResetWrittenCount();
        var transform = _rewriter.CreateHtml(_rewriter.CreateMapper("https", "edge.example.com"));
        for (var offset = 0; offset < _body.Length; offset += ChunkSize)
        {
            transform.Process(_body.AsSpan(offset, Math.Min(ChunkSize, _body.Length - offset)), _output);
        }

        transform.Finish(_output);
        return _output.WrittenCount;
    }
}
