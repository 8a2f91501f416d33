using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace TrustedServer.Hosting.Tests.FirstParty;

public sealed class FirstPartySignatureTests
{
    private static Task Origin(HttpContext context) => context.Response.WriteAsync("ok");

    private static List<KeyValuePair<string, string>> Pairs(string href) =>
        href.Split('?', 2)[1].Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(
            WebUtility.UrlDecode(p[0]), WebUtility.UrlDecode(p[1]))).ToList();

    private static string Build(string path, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder(path).Append('?');
        foreach (var (key, value) in pairs)
        {
            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return sb.ToString(0, sb.Length - 1);
    }

    private static char Flip(char c) => c == 'a' ? 'b' : c == 'A' ? 'B' : 'a';

    [Fact]
    public async Task Changing_any_character_of_tsurl_a_query_pair_tsexp_or_tstoken_gives_403()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var href = await host.SignAsync(host.OriginUrl("/a.png?k=v1&z=9"));
        var pairs = Pairs(href);
        Assert.Equal(["tsurl", "k", "z", "tsexp", "tstoken"], pairs.Select(p => p.Key));
        using (var ok = await host.GetAsync(href))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var attempts = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            for (var at = 0; at < pairs[i].Value.Length; at++)
            {
                var value = pairs[i].Value.ToCharArray();
                value[at] = Flip(value[at]);
                var tampered = pairs.ToList();
                tampered[i] = new(pairs[i].Key, new string(value));
                using var response = await host.GetAsync(Build("/first-party/proxy", tampered));
                Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{pairs[i].Key}[{at}] gave {(int)response.StatusCode}");
                attempts++;
            }
        }

        // Renaming a pair or dropping one is tampering too.
        var renamed = pairs.ToList();
        renamed[1] = new("q", renamed[1].Value);
        using (var response = await host.GetAsync(Build("/first-party/proxy", renamed)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var response = await host.GetAsync(Build("/first-party/proxy", pairs.Where(p => p.Key != "z"))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(pairs.Sum(p => p.Value.Length), attempts);
    }

    [Fact]
    public async Task An_expired_url_gives_410_and_missing_parameters_give_400()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var href = await host.SignAsync(host.OriginUrl("/a.png"));
        host.Time.Advance(TimeSpan.FromSeconds(31));
        using (var expired = await host.GetAsync(href))
        {
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Equal("text/plain; charset=utf-8", expired.Content.Headers.ContentType!.ToString());
        }

        var fresh = Pairs(await host.SignAsync(host.OriginUrl("/a.png")));
        foreach (var dropped in new[] { "tsurl", "tstoken" })
        {
            using var response = await host.GetAsync(Build("/first-party/proxy", fresh.Where(p => p.Key != dropped)));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var click = await host.GetAsync(Build("/first-party/click", fresh.Where(p => p.Key != dropped)));
            Assert.Equal(HttpStatusCode.BadRequest, click.StatusCode);
        }

        using var none = await host.GetAsync("/first-party/proxy");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(0, host.Network.Attempts);
    }

    [Fact]
    public async Task Click_redirects_to_the_verified_target_without_fetching_it()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var click = host.Signer.BuildClickUrl("https://land.public.example/p?x=a b&y=2")!;
        using var response = await host.GetAsync(click);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://land.public.example/p?x=a+b&y=2", response.Headers.Location!.OriginalString);
        Assert.Equal("no-store, private", response.Headers.CacheControl!.ToString());
        Assert.Equal(0, host.Network.Attempts);
        using var tampered = await host.GetAsync(click.Replace("y=2", "y=3", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    [Fact]
    public async Task Rebuild_adds_and_removes_pairs_sorted_and_refuses_reserved_keys_and_overwrites()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var ct = TestContext.Current.CancellationToken;
        var click = host.Signer.BuildClickUrl("https://land.public.example/p?z=1&b=2&c=3")!;
        var body = new { tsclick = click, add = new Dictionary<string, string> { ["a"] = "new" }, del = new[] { "c" } };
        using var json = await host.Client.PostAsync("/first-party/proxy-rebuild", System.Net.Http.Json.JsonContent.Create(body), ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var result = System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync(ct)).RootElement;
        var href = result.GetProperty("href").GetString()!;
        var verified = host.Signer.Verify(href.Split('?', 2)[1]);
        Assert.True(verified.IsValid);
        Assert.Equal("https://land.public.example/p?a=new&b=2&z=1", verified.Target!.OriginalString);
        Assert.Equal("new", result.GetProperty("added").GetProperty("a").GetString());
        Assert.Equal("c", result.GetProperty("removed")[0].GetString());
        Assert.Equal("https://land.public.example/p", result.GetProperty("base").GetString());

        using var get = await host.GetAsync("/first-party/proxy-rebuild?tsclick=" + Uri.EscapeDataString(click) + "&add=" + Uri.EscapeDataString("{\"a\":\"new\"}") + "&del=" + Uri.EscapeDataString("[\"c\"]"));
        Assert.Equal(HttpStatusCode.Found, get.StatusCode);
        Assert.Equal(href, get.Headers.Location!.OriginalString);

        using var form = await host.Client.PostAsync("/first-party/proxy-rebuild", new FormUrlEncodedContent(new Dictionary<string, string> { ["tsclick"] = click, ["add"] = "{\"a\":\"new\"}", ["del"] = "[\"c\"]" }), ct);
        Assert.Equal(HttpStatusCode.Found, form.StatusCode);
        Assert.Equal(href, form.Headers.Location!.OriginalString);

        foreach (var (add, del) in new[] { ("{\"b\":\"x\"}", "[]"), ("{\"tsexp\":\"1\"}", "[]"), ("{}", "[\"tsexp\"]"), ("{}", "[\"tstoken\"]") })
        {
            using var refused = await host.GetAsync("/first-party/proxy-rebuild?tsclick=" + Uri.EscapeDataString(click) + "&add=" + Uri.EscapeDataString(add) + "&del=" + Uri.EscapeDataString(del));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var proxyUrl = host.Signer.BuildProxyUrl("https://land.public.example/p")!;
        using var notClick = await host.GetAsync("/first-party/proxy-rebuild?tsclick=" + Uri.EscapeDataString(proxyUrl));
        Assert.Equal(HttpStatusCode.BadRequest, notClick.StatusCode);
        using var badToken = await host.GetAsync("/first-party/proxy-rebuild?tsclick=" + Uri.EscapeDataString(click.Replace("z=1", "z=2", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, badToken.StatusCode);
    }

    [Fact]
    public async Task Endpoints_answer_503_without_a_proxy_secret()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, configure: o => o with { Publisher = o.Publisher with { ProxySecret = null } });
        using var response = await host.GetAsync("/first-party/sign?url=https%3A%2F%2Fa.example%2F");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
