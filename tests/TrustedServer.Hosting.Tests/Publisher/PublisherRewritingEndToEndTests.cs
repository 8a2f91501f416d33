using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class PublisherRewritingEndToEndTests
{
    private static readonly string FixtureText = File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html"));

    [Fact]
    public async Task The_fixture_page_streams_back_gzip_with_every_origin_url_mapped_and_the_same_element_tree()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientSawHead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var originFinished = false;
        string? page = null;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            // The page names its origin by the origin's real loopback authority, as the fixture names its own site.
            var authority = context.Request.Host.Value!;
            page = FixtureText.Replace("www.test-publisher.com", authority, StringComparison.Ordinal);
            var encoded = Bodies.Encode(Encoding.UTF8.GetBytes(page), "gzip");
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            var parts = 8;
            var size = (encoded.Length + parts - 1) / parts;
            for (var i = 0; i < encoded.Length; i += size)
            {
                await context.Response.Body.WriteAsync(encoded.AsMemory(i, Math.Min(size, encoded.Length - i)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (i == 0)
                {
                    // Hold the rest until the client has decoded rewritten bytes of the page's head.
                    await clientSawHead.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
            }

            originFinished = true;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { OriginHostHeader = null }, rewriting: true);
        var originAuthority = origin.Url.Authority;
        var proxyAuthority = proxy.Url.Authority;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/article");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await proxy.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var decoded = new GZipStream(await response.Content.ReadAsStreamAsync(ct), CompressionMode.Decompress);
        var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await decoded.ReadAsync(buffer, ct)) > 0)
        {
            output.Write(buffer, 0, read);
            if (!clientSawHead.Task.IsCompleted && Encoding.UTF8.GetString(output.ToArray()).Contains("id=\"trustedserver-js\"", StringComparison.Ordinal))
            {
                Assert.False(originFinished);
                clientSawHead.SetResult();
            }
        }

        Assert.True(clientSawHead.Task.IsCompleted);
        var html = Encoding.UTF8.GetString(output.ToArray());
        var parser = new HtmlParser();
        using var input = parser.ParseDocument(page!);
        using var result = parser.ParseDocument(html);

        var injected = result.QuerySelectorAll("#trustedserver-js");
        Assert.Single(injected);
        Assert.Same(result.Head, injected[0].ParentElement);
        Assert.Same(result.Head!.FirstElementChild, injected[0]);
        injected[0].Remove();

        var before = input.All.ToArray();
        var after = result.All.ToArray();
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i].LocalName, after[i].LocalName);
            Assert.Equal(before[i].Attributes.Select(a => a.Name), after[i].Attributes.Select(a => a.Name));
            foreach (var attribute in after[i].Attributes)
            {
                Assert.DoesNotContain(originAuthority, attribute.Value, StringComparison.Ordinal);
                var original = before[i].GetAttribute(attribute.Name)!;
                Assert.Equal(original.Replace("https://" + originAuthority, "http://" + proxyAuthority, StringComparison.Ordinal).Replace(originAuthority, proxyAuthority, StringComparison.Ordinal), attribute.Value);
            }

            if (after[i].LocalName is "script" or "style")
            {
                // URL forms only: a bare host in JSON ("host":"...") is data, not a URL, and is left as the spec says.
                Assert.DoesNotContain("//" + originAuthority, after[i].TextContent, StringComparison.Ordinal);
                Assert.DoesNotContain(@"\/\/" + originAuthority, after[i].TextContent, StringComparison.Ordinal);

                // Nothing else changed: in particular nothing was HTML-escaped.
                var text = before[i].TextContent
                    .Replace("https://" + originAuthority, "http://" + proxyAuthority, StringComparison.Ordinal)
                    .Replace(@"https:\/\/" + originAuthority, @"http:\/\/" + proxyAuthority, StringComparison.Ordinal)
                    .Replace("//" + originAuthority, "//" + proxyAuthority, StringComparison.Ordinal)
                    .Replace(@"\/\/" + originAuthority, @"\/\/" + proxyAuthority, StringComparison.Ordinal);
                Assert.Equal(text, after[i].TextContent);
            }
        }
    }

    [Fact]
    public async Task Latin1_css_comes_back_byte_identical_apart_from_mapped_urls()
    {
        var latin1 = Encoding.Latin1;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var css = $"/* caf\u00e9 \u00e0 la cr\u00e8me */ .a {{ background: url(http://{context.Request.Host}/\u00e9t\u00e9.png) }} .b::after {{ content: \"\u00ff\u00fe\" }}";
            context.Response.ContentType = "text/css; charset=iso-8859-1";
            await context.Response.Body.WriteAsync(latin1.GetBytes(css), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var body = await proxy.Client.GetByteArrayAsync("/site.css", TestContext.Current.CancellationToken);

        var expected = latin1.GetBytes($"/* caf\u00e9 \u00e0 la cr\u00e8me */ .a {{ background: url(http://{proxy.Url.Authority}/\u00e9t\u00e9.png) }} .b::after {{ content: \"\u00ff\u00fe\" }}");
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task A_request_host_that_contains_the_origin_host_is_not_rewritten_twice()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.ContentType = "text/html";
            var o = "http://" + context.Request.Host;
            return context.Response.WriteAsync($"<head></head><a href=\"{o}/a\" srcset=\"{o}/b.png 1x\"></a><script>var u = \"{o}/c\";</script>", context.RequestAborted);
        });
        var host = "www." + origin.Url.Authority;
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { Aliases = [host] }, rewriting: true);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        using var response = await proxy.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"href=\"http://{host}/a\"", html, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"http://{host}/b.png 1x\"", html, StringComparison.Ordinal);
        Assert.Contains($"var u = \"http://{host}/c\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("www.www.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_206_range_passes_through_unrewritten()
    {
        string? sent = null;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            sent = $"<a href=\"http://{context.Request.Host}/x\">";
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentRange = $"bytes 0-{sent.Length - 1}/1000";
            context.Response.Headers.ETag = "\"r1\"";
            context.Response.ContentLength = sent.Length;
            return context.Response.WriteAsync(sent, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(sent, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("\"r1\"", response.Headers.ETag?.ToString());
    }

    [Theory]
    [InlineData(302, "text/html")]
    [InlineData(200, "image/png")]
    [InlineData(200, "text/html")]
    public async Task Location_link_refresh_and_cookie_domain_are_mapped_in_every_mode(int status, string type)
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            var o = "http://" + context.Request.Host;
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.Headers.Location = o + "/next?x=1";
            context.Response.Headers.ContentLocation = o + "/here";
            context.Response.Headers["Refresh"] = "5; url=" + o + "/later";
            context.Response.Headers.Link = $"<{o}/app.css>; rel=preload; as=style";
            context.Response.Headers.SetCookie = new[] { "a=1; Domain=127.0.0.1; Path=/", "b=2; Domain=other.example" };
            return context.Response.WriteAsync("<p>x</p>", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { CookieDomain = "www.example.com" }, rewriting: true);
        var first = "http://" + proxy.Url.Authority;

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(first + "/next?x=1", response.Headers.Location?.ToString());
        Assert.Equal(first + "/here", response.Content.Headers.ContentLocation?.ToString());
        Assert.Equal("5; url=" + first + "/later", response.Headers.GetValues("Refresh").Single());
        Assert.Equal($"<{first}/app.css>; rel=preload; as=style", response.Headers.GetValues("Link").Single());
        Assert.Equal(["a=1; Domain=www.example.com; Path=/", "b=2; Domain=other.example"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Script_text_keeps_its_ampersands_and_a_page_without_head_gets_one_tag()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync($"<!doctype html><title>t</title><p>x</p><script>if (a && b) {{ u = 'http://{context.Request.Host}/&l=1'; }}</script><head></head>", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var html = await proxy.Client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains($"<script>if (a && b) {{ u = 'http://{proxy.Url.Authority}/&l=1'; }}</script>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "trustedserver-js"));
        Assert.StartsWith($"<!doctype html><title>t</title><script async src=\"/static/tsjs=tsjs-unified.min.js?v={Tsjs.TsjsBundles.Unified.Hash}\" id=\"trustedserver-js\"></script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_processable_body_over_16_MiB_streams_completely()
    {
        const int Lines = 400_000;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            var line = Encoding.UTF8.GetBytes($"<p><a href=\"http://{context.Request.Host}/p\">link</a></p>\n");
            await context.Response.Body.WriteAsync("<html><head></head><body>\n"u8.ToArray(), context.RequestAborted);
            for (var i = 0; i < Lines; i++)
            {
                await context.Response.Body.WriteAsync(line, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync("</body></html>\n"u8.ToArray(), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var body = await proxy.Client.GetByteArrayAsync("/big", TestContext.Current.CancellationToken);

        var line = Encoding.UTF8.GetBytes($"<p><a href=\"http://{proxy.Url.Authority}/p\">link</a></p>\n");
        Assert.True(body.Length > 16 * 1024 * 1024);
        Assert.EndsWith("</body></html>\n", Encoding.UTF8.GetString(body.AsSpan(body.Length - 100)), StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(body);
        Assert.Equal(Lines, text.Split(Encoding.UTF8.GetString(line)).Length - 1);
    }

    [Fact]
    public async Task The_tsjs_bundle_is_served_immutable_under_its_content_hash()
    {
        await using var origin = await OriginServer.StartAsync(context => context.Response.WriteAsync("origin", context.RequestAborted));
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);
        var hash = Tsjs.TsjsBundles.Unified.Hash;

        using var response = await proxy.Client.GetAsync($"/static/tsjs=tsjs-unified.min.js?v={hash}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(hash, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)));
        Assert.Equal(await File.ReadAllBytesAsync(RepoFile("src/TrustedServer.Hosting/Tsjs/Bundles/tsjs-unified.min.js"), TestContext.Current.CancellationToken), body);
        Assert.Contains("scheduleInitialAdInit", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deferred_tsjs_module_is_served_by_name_and_an_unknown_name_is_a_local_404()
    {
        var originHits = 0;
        await using var origin = await OriginServer.StartAsync(context =>
        {
            Interlocked.Increment(ref originHits);
            return context.Response.WriteAsync("origin", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);
        var expected = await File.ReadAllBytesAsync(RepoFile("src/TrustedServer.Hosting/Tsjs/Bundles/tsjs-creative.min.js"), TestContext.Current.CancellationToken);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(expected));

        using var creative = await proxy.Client.GetAsync($"/static/tsjs=tsjs-creative.min.js?v={hash}", TestContext.Current.CancellationToken);
        using var stale = await proxy.Client.GetAsync("/static/tsjs=tsjs-creative.min.js?v=old", TestContext.Current.CancellationToken);
        using var alias = await proxy.Client.GetAsync("/static/tsjs=tsjs-unified.js", TestContext.Current.CancellationToken);
        using var unknown = await proxy.Client.GetAsync("/static/tsjs=tsjs-nope.min.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, creative.StatusCode);
        Assert.Equal(expected, await creative.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("public, max-age=31536000, immutable", creative.Headers.CacheControl?.ToString());
        Assert.Equal($"\"sha256-{hash}\"", creative.Headers.ETag?.ToString());
        Assert.Equal("public, max-age=300, stale-while-revalidate=60, stale-if-error=86400", stale.Headers.CacheControl?.ToString());
        Assert.Equal(Tsjs.TsjsBundles.Unified.Content.ToArray(), await alias.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, originHits);
    }

    [Fact]
    public void The_unified_bundle_names_the_creative_guard_by_its_content_hash()
    {
        var creative = Tsjs.TsjsBundles.Find("tsjs-creative.min.js")!;
        Assert.Contains(creative.Hash, Encoding.UTF8.GetString(Tsjs.TsjsBundles.Unified.Content.Span), StringComparison.Ordinal);
    }

    private static string RepoFile(string relative) => Path.Combine(RepositoryPaths.Root, relative);
}
