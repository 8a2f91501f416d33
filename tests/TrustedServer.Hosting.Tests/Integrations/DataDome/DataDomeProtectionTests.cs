using System.Diagnostics;
using System.Net;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Tests.Integrations.DataDome;

/// <summary>The pre-route Protection API call against a loopback stand-in speaking DataDome's protocol.</summary>
public sealed class DataDomeProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_challenge_is_answered_with_datadomes_status_headers_and_body_and_the_origin_is_never_asked()
    {
        const string challenge = "<html><body><iframe src=\"https://geo.captcha-delivery.com/captcha/?initialCid=x\"></iframe></body></html>";
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(
            403,
            [("X-DataDome-headers", "Set-Cookie X-DD-B Cache-Control"), ("Set-Cookie", "datadome=abc123; Max-Age=31536000; Path=/; Secure; SameSite=Lax"), ("X-DD-B", "1"), ("Cache-Control", "max-age=0, private, no-cache")],
            challenge));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/news/story?x=1", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("User-Agent", "curl/8.5.0");
        request.Headers.TryAddWithoutValidation("Cookie", "datadome=prev-cid; other=1");
        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(challenge, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("datadome=abc123; Max-Age=31536000; Path=/; Secure; SameSite=Lax", response.Headers.GetValues("Set-Cookie"));
        Assert.Equal("1", response.Headers.GetValues("X-DD-B").Single());
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.NoCache && cache.Private && cache.MaxAge == TimeSpan.Zero && !cache.NoStore, cache.ToString());
        Assert.Empty(host.OriginRequests);
        var call = Assert.Single(host.ApiCalls);
        Assert.Equal(DataDomeHost.ServerKey, call["Key"]);
        Assert.Equal("/news/story?x=1", call["Request"]);
        Assert.Equal("GET", call["Method"]);
        Assert.Equal("curl/8.5.0", call["UserAgent"]);
        Assert.Equal("prev-cid", call["ClientID"]);
        Assert.Equal("127.0.0.1", call["IP"]);
        Assert.Equal(1, await host.MetricAsync(("outcome", "challenged")));
    }

    [Fact]
    public async Task An_allow_enriches_the_origin_request_and_the_response_with_only_headers_the_framework_allows()
    {
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(
            200,
            [
                ("X-DataDome-request-headers", "X-DataDome-botname X-DataDome-isbot Host Cookie X-Forwarded-For"),
                ("X-DataDome-botname", "Chrome"),
                ("X-DataDome-isbot", "0"),
                ("Host", "evil.example"),
                ("Cookie", "admin=1"),
                ("X-Forwarded-For", "6.6.6.6"),
                ("X-DataDome-headers", "Set-Cookie X-DataDome-CID Transfer-Encoding"),
                ("Set-Cookie", "datadome=xyz; Path=/; Secure"),
                ("X-DataDome-CID", "xyz"),
            ]));

        using var response = await host.Client.GetAsync(new Uri("/article", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p>story</p>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("datadome=xyz; Path=/; Secure", response.Headers.GetValues("Set-Cookie"));
        Assert.Equal("xyz", response.Headers.GetValues("X-DataDome-CID").Single());
        var (_, headers) = Assert.Single(host.OriginRequests);
        Assert.Equal("Chrome", headers["X-DataDome-botname"].ToString());
        Assert.Equal("0", headers["X-DataDome-isbot"].ToString());
        Assert.DoesNotContain("evil.example", headers.Host.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("admin=1", headers.Cookie.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("6.6.6.6", headers["X-Forwarded-For"].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await host.MetricAsync(("outcome", "allowed")));
    }

    [Theory]
    [InlineData("method", "OPTIONS", "/page")]
    [InlineData("static_asset", "GET", "/img/logo.PNG")]
    [InlineData("internal_route", "GET", "/integrations/datadome/tags.js")]
    [InlineData("cidr", "GET", "/page")]
    [InlineData("path_exact", "GET", "/robots.txt")]
    [InlineData("path_prefix", "GET", "/health/live")]
    [InlineData("path_regex", "GET", "/.image/abc")]
    [InlineData("query_param", "GET", "/page?_rsc=1a2b")]
    [InlineData("rule_method", "HEAD", "/feed")]
    [InlineData("test_bypass", "GET", "/page")]
    public async Task Every_exclusion_skips_the_protection_api(string exclusion, string method, string path)
    {
        const string bypassSecret = "staging-bypass-Rq7Lm2Zx9Wv4Kp8Nt3Hs6Jd1Gf5";
        await using var host = await DataDomeHost.StartAsync(
            DataDomeHost.Answer(403, [], "blocked"),
            (options, _) => exclusion switch
            {
                "cidr" => options with { ExcludedNetworks = [IPNetwork.Parse("127.0.0.0/8")] },
                "path_exact" => options with { ExclusionRules = [new DataDomeExclusionRule { Id = "robots", Kind = DataDomeRuleKind.PathExact, Values = ["/robots.txt"] }] },
                "path_prefix" => options with { ExclusionRules = [new DataDomeExclusionRule { Id = "health", Kind = DataDomeRuleKind.PathPrefix, Values = ["/health/"] }] },
                "path_regex" => options with { ExclusionRules = [new DataDomeExclusionRule { Id = "images", Kind = DataDomeRuleKind.PathRegex, Patterns = [new System.Text.RegularExpressions.Regex("^/\\.image/", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(20))] }] },
                "query_param" => options with { ExclusionRules = [new DataDomeExclusionRule { Id = "next-rsc", Kind = DataDomeRuleKind.QueryParamNonEmpty, Values = ["_rsc"] }] },
                "rule_method" => options with { ExclusionRules = [new DataDomeExclusionRule { Id = "feed-head", Kind = DataDomeRuleKind.PathPrefix, Methods = ["HEAD"], Values = ["/feed"] }] },
                "test_bypass" => options with { TestBypassSecret = bypassSecret },
                _ => options,
            });

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (exclusion == "test_bypass")
        {
            request.Headers.TryAddWithoutValidation("x-ts-datadome-bypass", bypassSecret);
        }

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.ApiCalls);
        Assert.All(host.OriginRequests, r => Assert.False(r.Headers.ContainsKey("x-ts-datadome-bypass")));
        Assert.True(await host.MetricAsync(("outcome", "skipped")) >= 1);
    }

    [Fact]
    public async Task The_same_requests_without_their_exclusion_are_challenged()
    {
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(403, [], "blocked"), (options, _) => options with { TestBypassSecret = "staging-bypass-Rq7Lm2Zx9Wv4Kp8Nt3Hs6Jd1Gf5" });

        using var wrongBypass = new HttpRequestMessage(HttpMethod.Get, new Uri("/page", UriKind.Relative));
        wrongBypass.Headers.TryAddWithoutValidation("x-ts-datadome-bypass", "staging-bypass-Rq7Lm2Zx9Wv4Kp8Nt3Hs6Jd1Gf6");
        using var bypassRefused = await host.Client.SendAsync(wrongBypass, Ct);
        using var robots = await host.Client.GetAsync(new Uri("/robots.txt", UriKind.Relative), Ct);
        using var rsc = await host.Client.GetAsync(new Uri("/page?_rsc=", UriKind.Relative), Ct);
        using var post = await host.Client.PostAsync(new Uri("/img/logo.png.php", UriKind.Relative), new StringContent("x"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, bypassRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, robots.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rsc.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(4, host.ApiCalls.Count);
        Assert.Empty(host.OriginRequests);
    }

    [Fact]
    public async Task An_api_that_is_down_fails_open_and_is_counted()
    {
        var closed = await Infrastructure.OriginServer.StartAsync(_ => Task.CompletedTask);
        var closedUrl = closed.Url;
        await closed.DisposeAsync();
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(403, [], "blocked"), (options, _) => options with { ProtectionApiOrigin = closedUrl });

        using var response = await host.Client.GetAsync(new Uri("/page", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.OriginRequests);
        Assert.Equal(1, await host.MetricAsync(("outcome", "failed_open"), ("reason", "unavailable")));
    }

    [Fact]
    public async Task A_slow_api_fails_open_at_the_timeout_instead_of_holding_the_page()
    {
        await using var host = await DataDomeHost.StartAsync(
            async context =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                await DataDomeHost.Answer(403, [], "blocked")(context);
            },
            (options, _) => options with { Timeout = TimeSpan.FromMilliseconds(300) });

        var started = Stopwatch.GetTimestamp();
        using var response = await host.Client.GetAsync(new Uri("/page", UriKind.Relative), Ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.OriginRequests);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the page waited {elapsed} for a Protection API that answers after 30 s");
        Assert.Equal(1, await host.MetricAsync(("outcome", "failed_open"), ("reason", "timeout")));
    }

    [Theory]
    [InlineData(403, false)]
    [InlineData(500, true)]
    [InlineData(404, true)]
    public async Task An_unconfirmed_or_unexpected_answer_fails_open(int status, bool confirm)
    {
        await using var host = await DataDomeHost.StartAsync(DataDomeHost.Answer(status, [], "<html>x</html>", confirm));

        using var response = await host.Client.GetAsync(new Uri("/page", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.OriginRequests);
        Assert.Equal(1, await host.MetricAsync(("outcome", "failed_open"), ("reason", "bad_answer")));
    }
}
