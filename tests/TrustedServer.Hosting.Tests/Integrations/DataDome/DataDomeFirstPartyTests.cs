using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace TrustedServer.Hosting.Tests.Integrations.DataDome;

/// <summary>DataDome's browser side first-party: <c>tags.js</c>, the signal API, the page's tags and the injected key.</summary>
public sealed class DataDomeFirstPartyTests
{
    private const string TagsJs = "!function(){var e=\"https://api-js.datadome.co/js/\",t=\"https://js.datadome.co/tags.js\";window.dd={endpoint:e,self:t};}();";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tags_js_is_served_once_per_ttl_with_datadomes_hosts_pointing_here()
    {
        var fetches = 0;
        await using var host = await DataDomeHost.StartAsync(
            async context =>
            {
                Interlocked.Increment(ref fetches);
                context.Response.ContentType = "application/javascript";
                await context.Response.WriteAsync(TagsJs);
            },
            (options, _) => options with { EnableProtection = false, CacheTtlSeconds = 900 });
        var local = host.Proxy.Url.Authority + "/integrations/datadome";

        using var first = await host.Client.GetAsync(new Uri("/integrations/datadome/tags.js", UriKind.Relative), Ct);
        using var second = await host.Client.GetAsync(new Uri("/integrations/datadome/tags.js", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal($"!function(){{var e=\"https://{local}/js/\",t=\"https://{local}/tags.js\";window.dd={{endpoint:e,self:t}};}}();", await first.Content.ReadAsStringAsync(Ct));
        Assert.Equal("public, max-age=900", first.Headers.CacheControl?.ToString());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task The_signal_api_forwards_the_body_under_the_cap_without_cookies()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await DataDomeHost.StartAsync(
            async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} cookie={context.Request.Headers.Cookie} body={await reader.ReadToEndAsync()}");
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"status\":200,\"cookie\":\"datadome=abc\"}");
            },
            (options, _) => options with { EnableProtection = false });

        using var signal = new HttpRequestMessage(HttpMethod.Post, new Uri("/integrations/datadome/js/", UriKind.Relative)) { Content = new StringContent("jsData=%7B%7D&eventCounters=%5B%5D") };
        signal.Headers.TryAddWithoutValidation("Cookie", "datadome=abc; session=private");
        using var accepted = await host.Client.SendAsync(signal, Ct);
        using var tooBig = await host.Client.PostAsync(new Uri("/integrations/datadome/js/check", UriKind.Relative), new ByteArrayContent(new byte[70_000]), Ct);

        Assert.Equal("{\"status\":200,\"cookie\":\"datadome=abc\"}", await accepted.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal(["POST /js/ cookie= body=jsData=%7B%7D&eventCounters=%5B%5D"], seen.ToArray());
    }

    [Fact]
    public async Task Pages_get_the_key_and_options_before_the_tag_and_their_own_tags_point_here()
    {
        await using var host = await DataDomeHost.StartAsync(
            DataDomeHost.Answer(200, []),
            (options, _) => options with { EnableProtection = false, ClientSideKey = "CLIENT</script>KEY", ClientSideConfigurationJson = "{\"ajaxListenerPath\":true,\"sessionByHeader\":false}" });

        var page = await host.Client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Contains(
            "<script>window.ddjskey=\"CLIENT\\u003C/script\\u003EKEY\";window.ddoptions={\"ajaxListenerPath\":true,\"sessionByHeader\":false};</script><script src=\"/integrations/datadome/tags.js\" async></script>",
            page,
            StringComparison.Ordinal);
        Assert.Contains("<script src=\"/integrations/datadome/tags.js\" async></script></head>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("js.datadome.co", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_key_nothing_is_injected()
    {
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(200, []), (options, _) => options with { EnableProtection = false, RewriteSdk = false });

        var page = await host.Client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.DoesNotContain("ddjskey", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"https://js.datadome.co/tags.js\" async></script>", page, StringComparison.Ordinal);
    }
}
