using System.Text;
using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.SignedUrls;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class FirstPartyUrlSignerTests : IDisposable
{
    private const string Secret = "unit-test-proxy-secret";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly FirstPartyUrlSigner _signer;

    public FirstPartyUrlSignerTests() => _signer = new FirstPartyUrlSigner(Secret, _time);

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Proxy_url_round_trips_to_the_target_with_pairs_in_order()
    {
        var href = _signer.BuildProxyUrl("https://cdn.example/a.png?z=1&a=two words&m=%26")!;

        var result = _signer.Verify(QueryOf(href));

        Assert.Equal(SignedUrlStatus.Valid, result.Status);
        Assert.Equal("https://cdn.example/a.png?z=1&a=two+words&m=%26", result.Target!.OriginalString);
        Assert.Equal(["z", "a", "m"], result.Pairs.Select(p => p.Key));
        Assert.StartsWith("/first-party/proxy?tsurl=https%3A%2F%2Fcdn.example%2Fa.png&z=1&", href, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_url_uses_the_click_path_and_verifies()
    {
        var href = _signer.BuildClickUrl("https://ads.example.com/click?c=123")!;

        Assert.StartsWith("/first-party/click?tsurl=", href, StringComparison.Ordinal);
        Assert.Equal("https://ads.example.com/click?c=123", _signer.Verify(QueryOf(href)).Target!.OriginalString);
    }

    [Fact]
    public void Base_origin_makes_the_url_absolute_without_changing_the_token()
    {
        var relative = _signer.BuildProxyUrl("https://cdn.example/a.png")!;
        var absolute = _signer.BuildProxyUrl("https://cdn.example/a.png", "https://pub.example:8443")!;

        Assert.Equal("https://pub.example:8443" + relative, absolute);
    }

    [Fact]
    public void Verify_accepts_the_query_with_or_without_question_mark()
    {
        var query = QueryOf(_signer.BuildProxyUrl("https://cdn.example/a.png")!);

        Assert.True(_signer.Verify(query).IsValid);
        Assert.True(_signer.Verify(query[1..]).IsValid);
    }

    [Fact]
    public void Unparseable_urls_are_not_signed()
    {
        Assert.Null(_signer.BuildProxyUrl("ftp://cdn.example/a"));
        Assert.Null(_signer.BuildProxyUrl("https://"));
        Assert.Null(_signer.BuildProxyUrl("https://cdn.example:99999/"));
        Assert.Null(_signer.BuildProxyUrl("/relative/path"));
    }

    [Fact]
    public void Tampering_with_any_character_of_any_value_is_a_bad_signature()
    {
        var href = _signer.Build("https://cdn.example/a.png?x=1&y=abc", FirstPartyRoute.Proxy, lifetime: TimeSpan.FromSeconds(30))!;
        var pairs = ParsePairs(QueryOf(href));
        Assert.Equal(["tsurl", "x", "y", "tsexp", "tstoken"], pairs.Select(p => p.Key));
        var checkedCount = 0;

        for (var p = 0; p < pairs.Count; p++)
        {
            for (var i = 0; i < pairs[p].Value.Length; i++)
            {
                var tampered = pairs.ToList();
                var chars = pairs[p].Value.ToCharArray();
                chars[i] = chars[i] == 'a' ? 'b' : 'a';
                tampered[p] = new(pairs[p].Key, new string(chars));

                var result = _signer.Verify(Serialize(tampered));

                Assert.True(result.Status == SignedUrlStatus.BadSignature, $"{pairs[p].Key}[{i}] gave {result.Status}");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 80);
    }

    [Fact]
    public void Adding_removing_renaming_or_reordering_pairs_is_a_bad_signature()
    {
        var pairs = ParsePairs(QueryOf(_signer.BuildProxyUrl("https://cdn.example/a.png?x=1&y=2")!));
        var tsurl = pairs[0];
        var x = pairs[1];
        var y = pairs[2];
        var token = pairs[3];

        Assert.True(_signer.Verify(Serialize([tsurl, x, y, token])).IsValid);
        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(Serialize([tsurl, y, x, token])).Status);
        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(Serialize([tsurl, x, token])).Status);
        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(Serialize([tsurl, x, y, new("z", "3"), token])).Status);
        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(Serialize([tsurl, new("X", "1"), y, token])).Status);
        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(Serialize([tsurl, x, y, new("tsexp", "9999999999"), token])).Status);
    }

    [Fact]
    public void Token_of_another_secret_is_a_bad_signature()
    {
        using var other = new FirstPartyUrlSigner("another-secret", _time);
        var href = other.BuildProxyUrl("https://cdn.example/a.png")!;

        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(QueryOf(href)).Status);
        Assert.Equal(403, _signer.Verify(QueryOf(href)).HttpStatusCode);
    }

    [Fact]
    public void Tstoken_position_in_the_query_does_not_matter()
    {
        var pairs = ParsePairs(QueryOf(_signer.BuildProxyUrl("https://cdn.example/a.png?x=1")!));

        Assert.True(_signer.Verify(Serialize([pairs[2], pairs[0], pairs[1]])).IsValid);
    }

    [Fact]
    public void Signed_expiry_is_valid_until_its_second_and_expired_after()
    {
        var href = _signer.Build("https://cdn.example/a.png", FirstPartyRoute.Proxy, lifetime: TimeSpan.FromSeconds(30))!;
        Assert.Contains("&tsexp=1700000030&", href, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(30));
        var atExpiry = _signer.Verify(QueryOf(href));
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = _signer.Verify(QueryOf(href));

        Assert.Equal(SignedUrlStatus.Valid, atExpiry.Status);
        Assert.Equal(1_700_000_030, atExpiry.ExpiresAtUnixSeconds);
        Assert.Equal("https://cdn.example/a.png", atExpiry.Target!.OriginalString);
        Assert.Equal(SignedUrlStatus.Expired, after.Status);
        Assert.Equal(410, after.HttpStatusCode);
        Assert.Null(after.Target);
    }

    [Fact]
    public void Expiry_is_checked_only_after_the_signature()
    {
        var href = _signer.Build("https://cdn.example/a.png", FirstPartyRoute.Proxy, lifetime: TimeSpan.FromSeconds(30))!;
        _time.Advance(TimeSpan.FromHours(1));

        var tampered = href.Replace("tsurl=https", "tsurl=http", StringComparison.Ordinal);

        Assert.Equal(SignedUrlStatus.BadSignature, _signer.Verify(QueryOf(tampered)).Status);
    }

    [Fact]
    public void Signed_but_malformed_expiry_is_invalid_expiry()
    {
        var href = _signer.Build(
            "https://cdn.example/a.png", FirstPartyRoute.Proxy, extraPairs: [new("tsexp", "soon")])!;

        var result = _signer.Verify(QueryOf(href));

        Assert.Equal(SignedUrlStatus.InvalidExpiry, result.Status);
        Assert.Equal(400, result.HttpStatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?tstoken=khZxp4u3sJa1nEmYtIZeJ6uaS1IRKef9MMtmMPgDWaw")]
    [InlineData("?tsurl=https%3A%2F%2Fcdn.example%2Fa.png")]
    [InlineData("?tsurl=https%3A%2F%2Fcdn.example%2Fa.png&x=1")]
    [InlineData("?TSURL=https%3A%2F%2Fcdn.example%2Fa.png&TSTOKEN=khZxp4u3sJa1nEmYtIZeJ6uaS1IRKef9MMtmMPgDWaw")]
    public void Missing_tsurl_or_tstoken_is_missing(string? query)
    {
        var result = _signer.Verify(query);

        Assert.Equal(SignedUrlStatus.Missing, result.Status);
        Assert.Equal(400, result.HttpStatusCode);
    }

    [Fact]
    public void Signed_non_http_target_is_refused()
    {
        var href = _signer.BuildFromParts("javascript:alert(1)", [], FirstPartyRoute.Click);

        var result = _signer.Verify(QueryOf(href));

        Assert.Equal(SignedUrlStatus.InvalidTarget, result.Status);
        Assert.Equal(403, result.HttpStatusCode);
    }

    [Fact]
    public void Reasons_do_not_mention_the_secret()
    {
        foreach (var status in Enum.GetValues<SignedUrlStatus>())
        {
            var reason = new SignedUrlVerification { Status = status }.Reason;
            Assert.DoesNotContain(Secret, reason, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Fact]
    public void Signing_is_deterministic_and_tokens_are_43_characters()
    {
        var a = _signer.ComputeToken("https://cdn.example/a.png");
        var b = _signer.ComputeToken("https://cdn.example/a.png");

        Assert.Equal(a, b);
        Assert.Equal(43, a.Length);
        Assert.NotEqual(a, _signer.ComputeToken("https://cdn.example/b.png"));
    }

    [Fact]
    public void Target_path_and_query_are_sent_exactly_as_signed()
    {
        var href = _signer.BuildProxyUrl("https://cdn.example/%7e%41/a%2Fb?q=%7E&r=x+y")!;

        var target = _signer.Verify(QueryOf(href)).Target!;

        Assert.Equal("/%7e%41/a%2Fb?q=%7E&r=x+y", target.PathAndQuery);
        Assert.Equal("cdn.example", target.Host);
    }

    [Theory]
    [InlineData("https://cdn.example/a.png", "https://cdn.example/a.png?ts-ec=abc")]
    [InlineData("https://cdn.example/a.png?x=1", "https://cdn.example/a.png?x=1&ts-ec=abc")]
    [InlineData("https://cdn.example/a.png?ts-ec=old&x=1&ts-ec=older", "https://cdn.example/a.png?ts-ec=abc&x=1")]
    public void Upsert_sets_one_pair_and_keeps_the_rest_in_order(string target, string expected)
    {
        var options = new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true };

        var result = FirstPartyUrlSigner.UpsertQueryPair(new Uri(target, in options), "ts-ec", "abc");

        Assert.Equal(expected, result.OriginalString);
    }

    [Theory]
    [InlineData("HTTPS://CDN.example:443/a.png?x=1#f", "https://cdn.example/a.png")]
    [InlineData("http://cdn.example:8080", "http://cdn.example:8080/")]
    [InlineData("mailto:x@example.com", null)]
    public void Normalize_target_gives_the_tsurl_form(string input, string? expected)
    {
        Assert.Equal(expected, FirstPartyUrlSigner.NormalizeTarget(input));
    }

    private static string QueryOf(string href) => href[href.IndexOf('?', StringComparison.Ordinal)..];

    private static List<KeyValuePair<string, string>> ParsePairs(string query) =>
        query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0].Replace('+', ' ')), Uri.UnescapeDataString(kv[1].Replace('+', ' '))))
            .ToList();

    private static string Serialize(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder("?");
        foreach (var (k, v) in pairs)
        {
            if (sb.Length > 1)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v));
        }

        return sb.ToString();
    }
}
