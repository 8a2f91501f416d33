using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary><c>GET /integrations/aps/renderer</c>: the static document an APS winner renders through.</summary>
public sealed partial class ApsRendererTests
{
    private const string Sandbox = "sandbox allow-forms allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-scripts allow-top-navigation-by-user-activation";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<OriginServer> OriginAsync() => OriginServer.StartAsync(async context =>
    {
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("from the origin: " + context.Request.Path, context.RequestAborted);
    });

    private static TrustedServerOptions Options(Uri origin, ApsOptions aps) => TestOptions.For(origin) with
    {
        Auction = new AuctionOptions { Aps = aps },
    };

    [Fact]
    public async Task The_renderer_is_a_sandboxed_no_referrer_document_whose_only_script_is_its_own_allowed_by_hash()
    {
        await using var origin = await OriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, new ApsOptions { Enabled = true, AccountId = "acct" }));

        using var response = await proxy.Client.GetAsync("/integrations/aps/renderer", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);

        // An opaque origin even when framed without the sandbox attribute.
        Assert.Equal(Sandbox, directives["sandbox"]);
        Assert.DoesNotContain("allow-same-origin", csp, StringComparison.Ordinal);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.Equal("base-uri 'none'", directives["base-uri"]);

        // Scripts: the inline one by its hash, and the fixed runner URL, nothing else (no 'unsafe-inline', no https:).
        var script = Assert.Single(ScriptElement().Matches(body));
        Assert.Equal("https://client.aps.amazon-adsystem.com/prebid-creative.js", script.Groups["runner"].Value);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["text"].Value)));
        Assert.Equal($"script-src 'sha256-{hash}' https://client.aps.amazon-adsystem.com/prebid-creative.js", directives["script-src"]);
        Assert.Contains("tsjs:aps:render", script.Groups["text"].Value, StringComparison.Ordinal);
        Assert.Contains("tsjs:aps:ack", script.Groups["text"].Value, StringComparison.Ordinal);
        Assert.Contains("prebid/creative/render", script.Groups["text"].Value, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(body, "</script", RegexOptions.IgnoreCase));
        Assert.StartsWith("<!doctype html>", body, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runner_url_is_configurable_and_script_creatives_widen_only_script_src()
    {
        await using var origin = await OriginAsync();
        var aps = new ApsOptions { Enabled = true, AccountId = "acct", RunnerUrl = new Uri("http://127.0.0.1:9/aps/prebid-creative.js"), AllowScriptCreatives = true };
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, aps));

        using var response = await proxy.Client.GetAsync("/integrations/aps/renderer", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal("http://127.0.0.1:9/aps/prebid-creative.js", ScriptElement().Match(body).Groups["runner"].Value);
        Assert.Matches("script-src 'sha256-[A-Za-z0-9+/]{43}=' http://127\\.0\\.0\\.1:9/aps/prebid-creative\\.js https:;", csp);
        Assert.DoesNotContain("client.aps.amazon-adsystem.com", body + csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_gets_the_headers_without_the_document()
    {
        await using var origin = await OriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, new ApsOptions { Enabled = true, AccountId = "acct" }));

        using var get = await proxy.Client.GetAsync("/integrations/aps/renderer", Ct);
        using var head = await proxy.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/integrations/aps/renderer"), Ct);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync(Ct)).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(get.Headers.GetValues("Content-Security-Policy").Single(), head.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Without_APS_the_path_is_the_publishers()
    {
        await using var origin = await OriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, new ApsOptions()));

        using var response = await proxy.Client.GetAsync("/integrations/aps/renderer", Ct);

        Assert.Equal("from the origin: /integrations/aps/renderer", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [GeneratedRegex("<script data-runner=\"(?<runner>[^\"]*)\">(?<text>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();
}
