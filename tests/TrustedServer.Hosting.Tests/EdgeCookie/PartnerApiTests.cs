using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Hosting.Tests.Infrastructure;
using TrustedServer.Privacy.EdgeCookie.Storage;
using static TrustedServer.Hosting.Tests.EdgeCookie.IdentityHarness;

namespace TrustedServer.Hosting.Tests.EdgeCookie;

public sealed class PartnerApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Consent = "euconsent-v2=" + TcString(purpose1: true);

    private static async Task<string> MintAsync(ProxyServer proxy)
    {
        using var response = await proxy.Client.SendAsync(Navigation("/page.html", cookies: Consent), Ct);
        return IdOf(EcSetCookie(response)!);
    }

    private static HttpRequestMessage Identify(string? token, string? cookies, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_ts/api/v1/identify");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (cookies is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        request.Headers.TryAddWithoutValidation(CountryHeader, "DE");
        return request;
    }

    internal static HttpRequestMessage BatchSync(string? token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_ts/api/v1/batch-sync")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    internal static string Mappings(params (string Ec, string Uid)[] mappings) =>
        JsonSerializer.Serialize(new { mappings = mappings.Select(m => new { ec_id = m.Ec, partner_uid = m.Uid, timestamp = 1_700_000_000 }) });

    [Fact]
    public async Task Identify_refuses_bad_tokens_denied_consent_and_foreign_origins_and_answers_204_without_an_ID()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var noToken = await proxy.Client.SendAsync(Identify(null, Consent), Ct);
        using var badToken = await proxy.Client.SendAsync(Identify("wrong-token-0123456789", Consent), Ct);
        using var denied = await proxy.Client.SendAsync(Identify(TokenA, null), Ct);
        using var foreign = await proxy.Client.SendAsync(Identify(TokenA, Consent, "https://evil.example.org"), Ct);
        using var upper = await proxy.Client.SendAsync(Identify(TokenA, Consent, "https://WWW.example.com"), Ct);
        using var plainHttp = await proxy.Client.SendAsync(Identify(TokenA, Consent, "http://www.example.com"), Ct);
        using var noEc = await proxy.Client.SendAsync(Identify(TokenA, Consent), Ct);

        Assert.Equal(401, (int)noToken.StatusCode);
        Assert.Equal("""{"error":"invalid_token"}""", await badToken.Content.ReadAsStringAsync(Ct));
        Assert.Equal(401, (int)badToken.StatusCode);
        Assert.Equal(403, (int)denied.StatusCode);
        Assert.Equal("""{"consent":"denied"}""", await denied.Content.ReadAsStringAsync(Ct));
        Assert.Equal(403, (int)foreign.StatusCode);
        Assert.Empty(await foreign.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(403, (int)upper.StatusCode);
        Assert.Equal(403, (int)plainHttp.StatusCode);
        Assert.Equal(204, (int)noEc.StatusCode);
        Assert.Equal("no-store", noEc.Headers.CacheControl?.ToString());
        Assert.Contains("no-cache", noEc.Headers.Pragma.ToString(), StringComparison.Ordinal);
        Assert.Equal(["Origin", "Authorization"], noEc.Headers.Vary);
    }

    [Fact]
    public async Task Identify_returns_the_ID_and_the_partners_UID_with_CORS_for_a_publisher_subdomain()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var id = await MintAsync(proxy);
        using var sync = await proxy.Client.SendAsync(BatchSync(TokenA, Mappings((id, "uid-a-1"))), Ct);
        Assert.Equal(200, (int)sync.StatusCode);

        using var response = await proxy.Client.SendAsync(Identify(TokenA, $"{Consent}; ts-ec={id}", "https://news.www.example.com"), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("https://news.www.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Equal(id, json.RootElement.GetProperty("ec").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("consent").GetString());
        Assert.False(json.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Equal("a.example.net", json.RootElement.GetProperty("source_domain").GetString());
        Assert.Equal("uid-a-1", json.RootElement.GetProperty("uid").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("eid").GetProperty("uids")[0].GetProperty("atype").GetInt32());
    }

    [Fact]
    public async Task Identify_preflight_is_200_for_the_publisher_and_403_for_others()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        using var ok = new HttpRequestMessage(HttpMethod.Options, "/_ts/api/v1/identify");
        ok.Headers.TryAddWithoutValidation("Origin", "https://www.example.com");
        using var bad = new HttpRequestMessage(HttpMethod.Options, "/_ts/api/v1/identify");
        bad.Headers.TryAddWithoutValidation("Origin", "https://example.com.evil.org");

        using var okResponse = await proxy.Client.SendAsync(ok, Ct);
        using var badResponse = await proxy.Client.SendAsync(bad, Ct);

        Assert.Equal(200, (int)okResponse.StatusCode);
        Assert.Equal("GET, OPTIONS", okResponse.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal(403, (int)badResponse.StatusCode);
    }

    [Fact]
    public async Task Batch_sync_answers_401_413_400_207_and_200_as_the_contract_says()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var id = await MintAsync(proxy);
        var unknown = new string('b', 64) + ".AbCdEf";
        await proxy.Services.GetRequiredService<IIdentityStore>().WriteTombstoneAsync(new string('c', 64) + ".tomb01", IdentityStoreLimits.TombstoneTtl, Ct);

        using var unauthorized = await proxy.Client.SendAsync(BatchSync("nope-nope-nope-nope", Mappings((id, "u"))), Ct);
        using var tooLarge = await proxy.Client.SendAsync(BatchSync(TokenA, new string(' ', 2 * 1024 * 1024 + 1)), Ct);
        using var malformed = await proxy.Client.SendAsync(BatchSync(TokenA, "{not json"), Ct);
        using var tooMany = await proxy.Client.SendAsync(BatchSync(TokenA, Mappings([.. Enumerable.Repeat((id, "u"), 1001)])), Ct);
        using var partial = await proxy.Client.SendAsync(BatchSync(TokenA, Mappings(
            (id.ToUpperInvariant()[..64] + id[64..], "uid-ok"),
            ("not-an-id", "u"),
            (id, new string('x', 513)),
            (unknown, "u"),
            (new string('c', 64) + ".tomb01", "u"))), Ct);
        using var ok = await proxy.Client.SendAsync(BatchSync(TokenA, Mappings((id, "uid-final"))), Ct);

        Assert.Equal(401, (int)unauthorized.StatusCode);
        Assert.Equal("""{"error":"invalid_token"}""", await unauthorized.Content.ReadAsStringAsync(Ct));
        Assert.Equal(413, (int)tooLarge.StatusCode);
        Assert.Equal("""{"error":"body_too_large"}""", await tooLarge.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, (int)malformed.StatusCode);
        Assert.Equal(400, (int)tooMany.StatusCode);
        Assert.Equal("""{"error":"batch_too_large"}""", await tooMany.Content.ReadAsStringAsync(Ct));
        Assert.Equal(207, (int)partial.StatusCode);
        Assert.Equal(
            """{"accepted":1,"rejected":4,"errors":[{"index":1,"reason":"invalid_ec_id"},{"index":2,"reason":"invalid_partner_uid"},{"index":3,"reason":"ineligible"},{"index":4,"reason":"ineligible"}]}""",
            await partial.Content.ReadAsStringAsync(Ct));
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("""{"accepted":1,"rejected":0,"errors":[]}""", await ok.Content.ReadAsStringAsync(Ct));
        var stored = await proxy.Services.GetRequiredService<IIdentityStore>().GetAsync(id, Ct);
        Assert.Equal("uid-final", stored!.Record.Ids["a.example.net"].Uid);
    }

    [Fact]
    public async Task Batch_sync_is_rate_limited_per_partner_with_429()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var body = Mappings((new string('d', 64) + ".abcdef", "u"));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await proxy.Client.SendAsync(BatchSync(TokenB, body), Ct);
            statuses.Add((int)response.StatusCode);
            if (i == 2)
            {
                Assert.Equal("""{"error":"rate_limit_exceeded"}""", await response.Content.ReadAsStringAsync(Ct));
            }
        }

        using var otherPartner = await proxy.Client.SendAsync(BatchSync(TokenA, body), Ct);

        Assert.Equal([207, 207, 429], statuses);
        Assert.Equal(207, (int)otherPartner.StatusCode);
    }

    [Fact]
    public async Task Two_partners_have_independent_batch_budgets_and_a_429_says_when_to_retry()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, partners: [Partner("a", TokenA, rate: 1), Partner("b", TokenB, rate: 1)]));
        var body = Mappings((new string('d', 64) + ".abcdef", "u"));

        using var firstA = await proxy.Client.SendAsync(BatchSync(TokenA, body), Ct);
        using var secondA = await proxy.Client.SendAsync(BatchSync(TokenA, body), Ct);
        using var firstB = await proxy.Client.SendAsync(BatchSync(TokenB, body), Ct);
        using var secondB = await proxy.Client.SendAsync(BatchSync(TokenB, body), Ct);

        Assert.Equal(207, (int)firstA.StatusCode);
        Assert.Equal(429, (int)secondA.StatusCode);
        Assert.Equal(207, (int)firstB.StatusCode);
        Assert.Equal(429, (int)secondB.StatusCode);
        foreach (var limited in new[] { secondA, secondB })
        {
            Assert.Equal("""{"error":"rate_limit_exceeded"}""", await limited.Content.ReadAsStringAsync(Ct));
            Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }
    }

    [Fact]
    public async Task Batch_sync_carries_the_ASP_NET_Core_rate_limiting_policy_and_identify_does_not()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var endpoints = proxy.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var batch = endpoints.Single(e => e.RoutePattern.RawText == "/_ts/api/v1/batch-sync");
        var identify = endpoints.Single(e => e.RoutePattern.RawText == "/_ts/api/v1/identify");

        Assert.Equal("ts-batch-sync", batch.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        Assert.Null(identify.Metadata.GetMetadata<EnableRateLimitingAttribute>());
    }

    [Fact]
    public async Task Bad_tokens_get_401_not_429_even_when_every_partner_budget_is_spent()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, partners: [Partner("a", TokenA, rate: 1)]));
        var body = Mappings((new string('d', 64) + ".abcdef", "u"));
        using var spent = await proxy.Client.SendAsync(BatchSync(TokenA, body), Ct);
        using var limited = await proxy.Client.SendAsync(BatchSync(TokenA, body), Ct);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var unknown = await proxy.Client.SendAsync(BatchSync(i % 2 == 0 ? "an-unknown-token-0123456789" : null, body), Ct);
            statuses.Add((int)unknown.StatusCode);
        }

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.All(statuses, s => Assert.Equal(401, s));
    }

    [Fact]
    public async Task Identify_is_not_rate_limited_by_the_batch_budget()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url, partners: [Partner("a", TokenA, rate: 1)]));
        using var spent = await proxy.Client.SendAsync(BatchSync(TokenA, Mappings((new string('d', 64) + ".abcdef", "u"))), Ct);

        using var identify = await proxy.Client.SendAsync(Identify(TokenA, Consent), Ct);

        Assert.Equal(204, (int)identify.StatusCode);
    }

    [Fact]
    public async Task Admin_lookup_needs_basic_auth_and_answers_400_404_405_and_200()
    {
        await using var origin = await StartOriginAsync();
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var id = await MintAsync(proxy);
        HttpRequestMessage Admin(HttpMethod method, string path, string? user = AdminUser, string? password = AdminPassword)
        {
            var request = new HttpRequestMessage(method, path);
            if (user is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            }

            return request;
        }

        using var anonymous = await proxy.Client.SendAsync(Admin(HttpMethod.Get, "/_ts/admin/ec/" + id, user: null), Ct);
        using var wrong = await proxy.Client.SendAsync(Admin(HttpMethod.Get, "/_ts/admin/ec/" + id, password: "admin-password-43"), Ct);
        using var invalid = await proxy.Client.SendAsync(Admin(HttpMethod.Get, "/_ts/admin/ec/not-an-id"), Ct);
        using var missing = await proxy.Client.SendAsync(Admin(HttpMethod.Get, "/_ts/admin/ec/" + new string('e', 64) + ".abcdef"), Ct);
        using var post = await proxy.Client.SendAsync(Admin(HttpMethod.Post, "/_ts/admin/ec/" + id), Ct);
        using var found = await proxy.Client.SendAsync(Admin(HttpMethod.Get, "/_ts/admin/ec/" + id), Ct);
        using var json = JsonDocument.Parse(await found.Content.ReadAsStringAsync(Ct));

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(401, (int)wrong.StatusCode);
        Assert.Equal(400, (int)invalid.StatusCode);
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal(405, (int)post.StatusCode);
        Assert.Equal("GET", post.Content.Headers.Allow.Single());
        Assert.Equal(200, (int)found.StatusCode);
        Assert.Equal("no-store", found.Headers.CacheControl?.ToString());
        Assert.Equal(id, json.RootElement.GetProperty("ec_id").GetString());
        Assert.Equal("memory", json.RootElement.GetProperty("store").GetString());
        Assert.True(json.RootElement.GetProperty("entry").GetProperty("consent").GetProperty("ok").GetBoolean());
    }
}
