using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Integrations;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>Each extension point, through a test integration on the real app: what a browser gets.</summary>
public sealed class IntegrationFrameworkTests
{
    private const string Page =
        "<!doctype html><html><head><title>t</title><script src=\"https://cdn.vendor.example/lib.js\"></script>"
        + "<script id=cfg>var v=\"VENDOR_HOST/x\";</script></head><body><p>hello</p></body></html>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routes_go_through_the_shared_proxy_under_the_integration_prefix_byte_for_byte()
    {
        var payload = Bodies.Make(200_000, seed: 7);
        await using var host = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), async context =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.SetCookie = "vendor=1";
            context.Response.Headers["X-Vendor-Path"] = context.Request.Path.ToUriComponent() + context.Request.QueryString;
            await context.Response.Body.WriteAsync(payload);
        }, null, vendor => [Proxying("test", 1024, vendor)]);

        using var response = await host.GetAsync("/integrations/test/files/a%20b.bin?q=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(payload.Length, response.Content.Headers.ContentLength);
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());
        Assert.Equal("/files/a%20b.bin?q=1", response.Headers.GetValues("X-Vendor-Path").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Beacon_bodies_over_the_cap_get_413_and_never_reach_the_upstream()
    {
        var received = new ConcurrentQueue<byte[]>();
        await using var host = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            context.Response.StatusCode = 204;
        }, null, vendor => [Proxying("test", 1024, vendor)]);

        using var declared = await host.Client.PostAsync(new Uri("/integrations/test/collect", UriKind.Relative), new ByteArrayContent(new byte[2000]), Ct);
        using var chunked = await host.Client.PostAsync(new Uri("/integrations/test/collect", UriKind.Relative), new StreamContent(new MemoryStream(new byte[5000])), Ct);
        var small = Bodies.Make(1024, seed: 3);
        using var fits = await host.Client.PostAsync(new Uri("/integrations/test/collect", UriKind.Relative), new ByteArrayContent(small), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fits.StatusCode);
        Assert.Equal(small, Assert.Single(received));
    }

    [Fact]
    public async Task Attribute_rewriters_of_two_integrations_apply_in_registration_order()
    {
        await using var ab = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), NotFound, extra: [Suffixing("a"), Suffixing("b")]);
        await using var ba = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), NotFound, extra: [Suffixing("b"), Suffixing("a")]);

        Assert.Contains("src=\"https://cdn.vendor.example/lib.js?by=a&by=b\"", await ab.PageAsync(), StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.vendor.example/lib.js?by=b&by=a\"", await ba.PageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_rewriters_head_injectors_and_element_removal_work_on_the_streamed_page()
    {
        var integration = new TestIntegration("test", b => b
            .AddScriptRewriter(new ReplaceInScript("script#cfg", "VENDOR_HOST", "/integrations/test"))
            .AddHeadInjector(new StaticHead("<script>window.__test=1;</script>"))
            .AddAttributeRewriter(new RemoveVendorScript()));
        await using var host = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), NotFound, extra: integration);

        var page = await host.PageAsync();

        Assert.Contains("<head><script>window.__test=1;</script><script async src=\"/static/tsjs=", page, StringComparison.Ordinal);
        Assert.Contains("<script id=cfg>var v=\"/integrations/test/x\";</script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.vendor.example", page, StringComparison.Ordinal);
        Assert.EndsWith("<body><p>hello</p></body></html>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_processor_gets_the_whole_rewritten_page_and_the_answer_is_buffered()
    {
        var integration = new TestIntegration("test", b => b.AddPostProcessor(new AppendLength()));
        await using var host = await IntegrationHost.StartAsync(IntegrationHost.Html(Page), NotFound, extra: integration);

        using var response = await host.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.Equal(page.Length, response.Content.Headers.ContentLength);
        Assert.Matches("<!--seen [0-9]+ bytes-->$", page);
        Assert.Contains("<script async src=\"/static/tsjs=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_filter_changes_request_headers_and_adds_response_headers()
    {
        var integration = new TestIntegration("test", b => b.AddRequestFilter(new Filter(context =>
        {
            context.SetRequestHeader("X-Filtered", "yes");
            context.RemoveRequestHeader("X-Remove-Me");
            context.AddResponseHeader("X-Filter", "on");
            return RequestFilterResult.Allow;
        })));
        await using var host = await IntegrationHost.StartAsync(EchoHeaders, NotFound, extra: integration);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Remove-Me", "1");
        using var response = await host.Client.SendAsync(request, Ct);
        var seen = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("x-filtered=yes;", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("x-remove-me", seen, StringComparison.Ordinal);
        Assert.Equal("on", response.Headers.GetValues("X-Filter").Single());
    }

    [Fact]
    public async Task A_request_filter_can_answer_without_reaching_the_origin()
    {
        var hits = 0;
        var integration = new TestIntegration("test", b => b.AddRequestFilter(new Filter(context =>
        {
            context.AddResponseHeader("X-Filter", "blocked");
            return context.Request.Path.StartsWithSegments("/blocked") ? RequestFilterResult.Respond(403, body: "no") : RequestFilterResult.Allow;
        })));
        await using var host = await IntegrationHost.StartAsync(context => { Interlocked.Increment(ref hits); return Task.CompletedTask; }, NotFound, extra: integration);

        using var response = await host.GetAsync("/blocked/page");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("no", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("blocked", response.Headers.GetValues("X-Filter").Single());
        Assert.Equal(0, Volatile.Read(ref hits));
    }

    [Theory]
    [InlineData("Cookie")]
    [InlineData("Host")]
    [InlineData("Connection")]
    [InlineData("Transfer-Encoding")]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    public async Task A_request_filter_that_sets_a_forbidden_header_is_refused_and_changes_nothing(string name)
    {
        var refusals = new ConcurrentQueue<string>();
        var careful = new TestIntegration("careful", b => b.AddRequestFilter(new Filter(context =>
        {
            foreach (var attempt in new Action[] { () => context.SetRequestHeader(name, "evil"), () => context.AddResponseHeader(name, "evil"), () => context.AddResponseHeader("Set-Cookie", "evil=1") })
            {
                try
                {
                    attempt();
                }
                catch (ForbiddenHeaderException ex)
                {
                    refusals.Enqueue(ex.Message);
                }
            }

            return RequestFilterResult.Allow;
        })));

        // A filter that does not catch the refusal: its earlier, allowed change is dropped with it.
        var careless = new TestIntegration("careless", b => b.AddRequestFilter(new Filter(context =>
        {
            context.SetRequestHeader("X-Careless", "1");
            context.SetRequestHeader(name, "evil");
            return RequestFilterResult.Allow;
        })));
        await using var host = await IntegrationHost.StartAsync(EchoHeaders, NotFound, extra: [careful, careless]);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", "a=1");
        using var response = await host.Client.SendAsync(request, Ct);
        var seen = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, refusals.Count);
        Assert.Contains("cookie=a=1;", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("x-careless", seen, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public void Integration_ids_must_be_unique_lower_case_names()
    {
        Assert.Throws<InvalidOperationException>(() => new IntegrationRegistry([new TestIntegration("a", _ => { }), new TestIntegration("a", _ => { })]));
        Assert.Throws<InvalidOperationException>(() => new IntegrationRegistry([new TestIntegration("Bad-Id", _ => { })]));
        Assert.Throws<ArgumentException>(() => new IntegrationRegistry([new TestIntegration("x", b => b.MapGet("no-slash", _ => Task.CompletedTask))]));
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private static async Task EchoHeaders(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        foreach (var (name, value) in context.Request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            await context.Response.WriteAsync(name.ToLowerInvariant() + "=" + value + ";\n");
        }
    }

    /// <summary>Proxies everything under its prefix to the vendor (the test's upstream), beacons capped at <paramref name="cap"/>.</summary>
    private static TestIntegration Proxying(string id, int cap, Uri vendor) => new(id, b => b.Map(["GET", "POST"], "/{**rest}", context =>
    {
        var rest = context.Request.Path.ToUriComponent()[("/integrations/" + id).Length..];
        var target = new Uri(vendor, rest + context.Request.QueryString.ToUriComponent());
        return ((IntegrationProxy)context.RequestServices.GetService(typeof(IntegrationProxy))!).ProxyAsync(context, new IntegrationProxyRequest(id, target)
        {
            ForwardBody = true,
            MaxBodyBytes = cap,
        });
    }));

    private static TestIntegration Suffixing(string id) => new(id, b => b.AddAttributeRewriter(new SuffixQuery(id)));

    private sealed class SuffixQuery(string id) : IHtmlAttributeRewriter
    {
        public IReadOnlyList<string> Needles => ["cdn.vendor.example"];

        public bool Wants(string tagName, string attributeName) => tagName == "script" && attributeName == "src";

        public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) =>
            AttributeRewrite.Replace(value + (value.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "by=" + id);
    }

    private sealed class RemoveVendorScript : IHtmlAttributeRewriter
    {
        public IReadOnlyList<string> Needles => ["cdn.vendor.example"];

        public bool Wants(string tagName, string attributeName) => attributeName == "src";

        public AttributeRewrite Rewrite(string tagName, string attributeName, string value, PublisherDocument document) => AttributeRewrite.RemoveElement;
    }

    private sealed class ReplaceInScript(string selector, string from, string to) : IScriptTextRewriter
    {
        private readonly ReplacementTable _table = new([(from, to)]);

        public string Selector => selector;

        public Core.Rewriting.IBodyTransform? Begin(PublisherDocument document) => _table.CreateReplacer();
    }

    private sealed class StaticHead(string html) : IHeadInjector
    {
        public string? HeadInserts(PublisherDocument document) => html;
    }

    private sealed class AppendLength : IHtmlPostProcessor
    {
        public ReadOnlyMemory<byte> Process(ReadOnlyMemory<byte> document, VisitorRequest request) =>
            (byte[])[.. document.Span, .. System.Text.Encoding.ASCII.GetBytes($"<!--seen {document.Length} bytes-->")];
    }

    private sealed class Filter(Func<RequestFilterContext, RequestFilterResult> decide) : IRequestFilter
    {
        public ValueTask<RequestFilterResult> FilterAsync(RequestFilterContext context, CancellationToken cancellationToken) => ValueTask.FromResult(decide(context));
    }
}
