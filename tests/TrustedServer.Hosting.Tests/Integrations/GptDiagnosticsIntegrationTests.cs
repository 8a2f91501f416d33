using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>gpt_diagnostics: <c>ts_console</c> activation, the cookie, what the origin sees, and the active documents.</summary>
public sealed class GptDiagnosticsIntegrationTests
{
    private const string ModuleSrc = "/static/tsjs=tsjs-gpt_diagnostics.min.js?v=";
    private const string Activate = "__Host-ts-console=1; Path=/; Secure; HttpOnly; SameSite=Lax";
    private const string Deactivate = "__Host-ts-console=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Activation_sets_the_host_only_cookie_strips_the_directive_and_serves_a_private_page_with_the_console()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen, enabled: true);

        using var response = await SendAsync(host, "/article?a=1&ts_console=1&b=2", cookies: "session=s1");
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal([Activate], response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("__Host-ts-console", StringComparison.Ordinal)));
        Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Surrogate-Control"));
        Assert.Contains(ModuleSrc, page, StringComparison.Ordinal);
        Assert.Contains("history", page, StringComparison.Ordinal);
        Assert.Equal(["/article?a=1&b=2 cookie=session=s1"], seen);
    }

    [Fact]
    public async Task An_active_session_gets_the_console_and_the_cookie_never_reaches_the_origin()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen, enabled: true);

        using var response = await SendAsync(host, "/article", cookies: "a=1; __Host-ts-console=1; b=2");
        var page = await response.Content.ReadAsStringAsync(Ct);
        using var image = await SendAsync(host, "/img.png", cookies: "__Host-ts-console=1");

        Assert.Contains(ModuleSrc, page, StringComparison.Ordinal);
        Assert.DoesNotContain("replaceState", page, StringComparison.Ordinal);
        Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("public, max-age=300", image.Headers.CacheControl?.ToString());
        Assert.Equal(["/article cookie=a=1; b=2", "/img.png cookie="], seen);
    }

    [Theory]
    [InlineData("/article?ts_console=0", true)]
    [InlineData("/article?ts_console=false", true)]
    [InlineData("/article?ts_console=TRUE", false)]
    [InlineData("/article?ts_console=1&ts_console=1", false)]
    [InlineData("/article?ts_console", false)]
    public async Task Deactivation_and_bad_directives_serve_no_console_and_change_the_cookie_only_when_exact(string path, bool clears)
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen, enabled: true);

        using var response = await SendAsync(host, path, cookies: "__Host-ts-console=1");
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain(ModuleSrc, page, StringComparison.Ordinal);
        Assert.Equal(clears ? [Deactivate] : [], response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToArray() : []);
        Assert.Equal("no-store, private", response.Headers.CacheControl?.ToString());
        Assert.Equal(["/article cookie="], seen);
    }

    [Fact]
    public async Task Duplicate_activation_cookies_fail_closed()
    {
        await using var host = await StartAsync(new ConcurrentQueue<string>(), enabled: true);

        using var response = await SendAsync(host, "/article", cookies: "__Host-ts-console=1; __Host-ts-console=1");

        Assert.DoesNotContain(ModuleSrc, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inactive_visitors_get_the_page_as_the_origin_caches_it()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await StartAsync(seen, enabled: true);

        using var response = await SendAsync(host, "/article?x=1", cookies: null);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain(ModuleSrc, page, StringComparison.Ordinal);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.Equal(["/article?x=1 cookie="], seen);
    }

    [Fact]
    public async Task The_module_is_served_while_enabled_and_when_disabled_ts_console_is_an_ordinary_query()
    {
        var seen = new ConcurrentQueue<string>();
        await using var on = await StartAsync(new ConcurrentQueue<string>(), enabled: true);
        await using var off = await StartAsync(seen, enabled: false);

        using var module = await on.GetAsync("/static/tsjs=tsjs-gpt_diagnostics.min.js");
        using var missing = await off.GetAsync("/static/tsjs=tsjs-gpt_diagnostics.min.js");
        using var page = await SendAsync(off, "/article?ts_console=1", cookies: null);

        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Contains("gptDiagnostics", await module.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Equal(["/article?ts_console=1 cookie="], seen);
    }

    private static async Task<HttpResponseMessage> SendAsync(IntegrationHost host, string path, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        return await host.Client.SendAsync(request, Ct);
    }

    private static Task<IntegrationHost> StartAsync(ConcurrentQueue<string> seen, bool enabled) =>
        IntegrationHost.StartAsync(
            async context =>
            {
                seen.Enqueue($"{context.Request.Path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie}");
                context.Response.Headers.CacheControl = "public, max-age=300";
                if (context.Request.Path == "/img.png")
                {
                    context.Response.ContentType = "image/png";
                    await context.Response.Body.WriteAsync(Bodies.Make(100, 1));
                    return;
                }

                context.Response.Headers["Surrogate-Control"] = "max-age=3600";
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<html><head><title>a</title></head><body>article</body></html>");
            },
            _ => Task.CompletedTask,
            (options, _) => options with { Integrations = options.Integrations with { GptDiagnostics = new GptDiagnosticsOptions { Enabled = enabled } } });
}
