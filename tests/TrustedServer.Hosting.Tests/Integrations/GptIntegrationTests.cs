using System.Collections.Concurrent;
using System.Net;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The gpt integration against a loopback stand-in for <c>securepubads.g.doubleclick.net</c>.</summary>
public sealed class GptIntegrationTests
{
    private static readonly byte[] GptJs = System.Text.Encoding.UTF8.GetBytes("(function(){/* gpt.js */var s=document.createElement('script');s.src='https://securepubads.g.doubleclick.net/pagead/managed/js/gpt/m202411200101/pubads_impl.js';})();");
    private static readonly byte[] PubadsImpl = Bodies.Make(300_000, seed: 5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_gets_first_party_gpt_tags_and_the_bootstrap()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        var page = await host.PageAsync();

        Assert.DoesNotContain("securepubads.g.doubleclick.net/tag", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"preload\" href=\"/integrations/gpt/script\" as=\"script\">", page, StringComparison.Ordinal);
        Assert.Contains("<script async src=\"/integrations/gpt/script\" crossorigin=\"anonymous\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/integrations/gpt/pagead/managed/js/gpt/m202411200101/pubads_impl.js\"", page, StringComparison.Ordinal);
        Assert.Contains("<head><script>(function(w){var t=w.tsjs=w.tsjs||{};t.gpt={proxyPrefix:\"/integrations/gpt\"", page, StringComparison.Ordinal);
        Assert.Contains("g.pubads().setTargeting(\"ts\",\"true\")", page, StringComparison.Ordinal);

        // The publisher's own inline GPT commands are left as written.
        Assert.Contains("googletag.defineSlot('/6355419/Travel/Europe/France/Paris', [300, 250], 'div-gpt-ad-1234567-0')", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_and_the_cascade_are_proxied_byte_for_byte()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen);

        using var script = await host.GetAsync("/integrations/gpt/script");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/integrations/gpt/pagead/managed/js/gpt/m202411200101/pubads_impl.js?cb=31089", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        request.Headers.TryAddWithoutValidation("Cookie", "session=private");
        using var cascade = await host.Client.SendAsync(request, Ct);
        using var tag = await host.GetAsync("/integrations/gpt/tag/js/test.js");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(GptJs, await script.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("true", script.Headers.GetValues("X-GPT-Proxy").Single());
        Assert.Equal("public, max-age=120", script.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.OK, cascade.StatusCode);
        Assert.Equal("gzip", cascade.Content.Headers.ContentEncoding.Single());
        Assert.Equal(PubadsImpl, Bodies.Decode(await cascade.Content.ReadAsByteArrayAsync(Ct), "gzip"));
        Assert.Equal(HttpStatusCode.NotFound, tag.StatusCode);

        Assert.Contains("/tag/js/gpt.js cookie=", seen);
        Assert.Contains("/pagead/managed/js/gpt/m202411200101/pubads_impl.js?cb=31089 cookie=", seen);
        Assert.Contains("/tag/js/test.js cookie=", seen);
    }

    [Fact]
    public async Task The_unified_bundle_carries_the_script_guard()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>());

        var page = await host.PageAsync();
        var src = System.Text.RegularExpressions.Regex.Match(page, "<script async src=\"(/static/tsjs=tsjs-unified\\.min\\.js\\?v=[0-9a-f]{64})\"").Groups[1].Value;
        using var response = await host.GetAsync(src);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__tsjsGptGuard", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen) =>
        IntegrationHost.StartAsync(
            IntegrationHost.Html(VendorPages.Gpt),
            async context =>
            {
                seen.Enqueue($"{context.Request.Path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie}");
                switch (context.Request.Path.Value)
                {
                    case "/tag/js/gpt.js":
                        context.Response.ContentType = "text/javascript";
                        await context.Response.Body.WriteAsync(GptJs);
                        break;
                    case "/pagead/managed/js/gpt/m202411200101/pubads_impl.js":
                        context.Response.ContentType = "text/javascript";
                        context.Response.Headers.ContentEncoding = "gzip";
                        await context.Response.Body.WriteAsync(Bodies.Encode(PubadsImpl, "gzip"));
                        break;
                    default:
                        context.Response.StatusCode = 404;
                        break;
                }
            },
            (options, vendor) => options with
            {
                Integrations = new IntegrationsOptions
                {
                    Gpt = new GptOptions { Enabled = true, ScriptUrl = new Uri(vendor, "/tag/js/gpt.js"), CacheTtlSeconds = 120, GamAttributionEnabled = true },
                },
            });
}
