using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace TrustedServer.Hosting.Tests.FirstParty;

public sealed partial class FirstPartyRoundTripTests
{
    private static readonly byte[] Image = MakeImage();

    private static byte[] MakeImage()
    {
        var bytes = new byte[70_000];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static async Task Origin(HttpContext context)
    {
        var response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/img.png":
                response.ContentType = "image/png";
                response.ContentLength = Image.Length;
                response.Headers["Access-Control-Allow-Origin"] = "*";
                response.Headers["Set-Cookie"] = "tracker=1";
                response.Headers["Strict-Transport-Security"] = "max-age=1";
                response.Headers["Clear-Site-Data"] = "\"cookies\"";
                response.Headers["X-Kept"] = "yes";
                await response.Body.WriteAsync(Image);
                break;
            case "/creative.html":
                var port = context.Connection.LocalPort;
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    $"<base href=\"http://127.0.0.1:{port}/\"><div style=\"background:url('http://127.0.0.1:{port}/img.png?bg=1')\">" +
                    $"<a href=\"http://127.0.0.1:{port}/landing?x=1&amp;y=2\"><img src=\"http://127.0.0.1:{port}/img.png\" srcset=\"http://127.0.0.1:{port}/img.png?d=2 2x\"></a>" +
                    $"<link rel=\"stylesheet\" href=\"http://127.0.0.1:{port}/style.css\"></div>");
                break;
            case "/style.css":
                response.ContentType = "text/css";
                await response.WriteAsync($"body{{background:url(\"http://127.0.0.1:{context.Connection.LocalPort}/img.png?css=1\")}}");
                break;
            case "/echo":
                response.ContentType = "text/plain";
                await response.WriteAsync(context.Request.QueryString.Value ?? string.Empty);
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    [Fact]
    public async Task A_signed_image_is_fetched_byte_identical_with_its_content_length_and_without_upstream_cors_or_cookies()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var href = await host.SignAsync(host.OriginUrl("/img.png"));
        Assert.StartsWith("/first-party/proxy?tsurl=", href, StringComparison.Ordinal);
        Assert.Contains("&tsexp=", href, StringComparison.Ordinal);

        using var response = await host.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Image.Length, response.Content.Headers.ContentLength);
        Assert.Equal(Image, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Clear-Site-Data"));
        Assert.Equal("yes", response.Headers.GetValues("X-Kept").Single());
    }

    [Fact]
    public async Task A_proxied_html_creative_has_every_asset_and_click_signed_and_each_is_fetchable()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        using var response = await host.GetAsync(await host.SignAsync(host.OriginUrl("/creative.html")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<base", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"http://127.0.0.1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'http://127.0.0.1", html, StringComparison.Ordinal);

        var urls = UrlPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Value)).ToList();
        Assert.Equal(6, urls.Count); // style url, click and its data-tsclick copy, img src, srcset, link href
        foreach (var url in urls)
        {
            using var fetched = await host.GetAsync(url);
            if (url.StartsWith("/first-party/click", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Found, fetched.StatusCode);
                Assert.Equal(host.OriginUrl("/landing?x=1&y=2"), fetched.Headers.Location!.OriginalString);
                Assert.Equal("no-store, private", fetched.Headers.CacheControl!.ToString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_proxied_stylesheet_has_its_urls_signed()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        using var response = await host.GetAsync(await host.SignAsync(host.OriginUrl("/style.css")));
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var inner = CssUrl().Match(css).Groups[1].Value;
        Assert.StartsWith("/first-party/proxy?tsurl=", inner, StringComparison.Ordinal);
        using var image = await host.GetAsync(inner);
        Assert.Equal(Image, await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_accepts_a_json_post_and_refuses_missing_relative_and_excluded_urls()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, configure: o => o with { Rewrite = o.Rewrite with { ExcludeDomains = ["*.excluded.example"] } });
        var ct = TestContext.Current.CancellationToken;
        using var post = await host.Client.PostAsJsonAsync("/first-party/sign", new { url = "https://cdn.example/a.png?b=1" }, ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("application/json; charset=utf-8", post.Content.Headers.ContentType!.ToString());
        var json = await post.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("https://cdn.example/a.png", json.GetProperty("base").GetString());
        Assert.True(host.Signer.Verify(json.GetProperty("href").GetString()!.Split('?', 2)[1]).IsValid);

        using var missing = await host.GetAsync("/first-party/sign");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var relative = await host.GetAsync("/first-party/sign?url=%2Fa.png");
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        using var excluded = await host.GetAsync("/first-party/sign?url=" + Uri.EscapeDataString("https://a.excluded.example/x"));
        Assert.Equal(HttpStatusCode.Forbidden, excluded.StatusCode);
        using var big = await host.Client.PostAsync("/first-party/sign", new StringContent(new string(' ', 70_000), Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_json_string_is_a_400_on_sign_and_rebuild()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin);
        var ct = TestContext.Current.CancellationToken;
        byte[] Body(string before, string after) => [.. Encoding.ASCII.GetBytes(before), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes(after)];
        using var signContent = new ByteArrayContent(Body("{\"url\":\"https://cdn.example/", "\"}"));
        signContent.Headers.ContentType = new("application/json");
        using var rebuildContent = new ByteArrayContent(Body("{\"tsclick\":\"", "\"}"));
        rebuildContent.Headers.ContentType = new("application/json");

        using var sign = await host.Client.PostAsync("/first-party/sign", signContent, ct);
        using var rebuild = await host.Client.PostAsync("/first-party/proxy-rebuild", rebuildContent, ct);

        Assert.Equal(HttpStatusCode.BadRequest, sign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rebuild.StatusCode);
    }

    [Fact]
    public async Task The_ec_is_appended_only_with_a_valid_cookie_and_consent()
    {
        await using var host = await FirstPartyHost.StartAsync(Origin, configure: o => o with { Geo = new() { CountryHeader = "x-geo-country" } });
        var href = await host.SignAsync(host.OriginUrl("/echo?a=1"));
        var ec = new string('a', 64) + ".AbC123";

        async Task<string> Fetch(string? cookie, string? country)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(href, UriKind.Relative));
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", "ts-ec=" + cookie);
            }

            if (country is not null)
            {
                request.Headers.Add("x-geo-country", country);
            }

            using var response = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal("?a=1&ts-ec=" + ec, await Fetch(ec, "JP"));
        Assert.Equal("?a=1", await Fetch(null, "JP"));
        Assert.Equal("?a=1", await Fetch("not-an-ec", "JP"));
        Assert.Equal("?a=1", await Fetch(ec, "DE")); // GDPR without a TCF string: no consent
    }

    [GeneratedRegex("/first-party/(proxy|click)\\?[^\"' )]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex("url\\(\"([^\"]+)\"\\)")]
    private static partial Regex CssUrl();
}
