using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

public sealed class ResponseHeaderRulesTests
{
    private static readonly UrlMapper Mapper = new(UrlMapperSettings.Create("https://origin.com"), "https", "ts.example.com");

    [Theory]
    [InlineData("https://origin.com/login?next=%2F", "https://ts.example.com/login?next=%2F")]
    [InlineData("http://origin.com:80/", "https://ts.example.com/")]
    [InlineData("//origin.com/x", "//ts.example.com/x")]
    [InlineData("/relative/path", "/relative/path")]
    [InlineData("https://other.com/", "https://other.com/")]
    [InlineData("https://origin.com.evil/", "https://origin.com.evil/")]
    [InlineData("5; url=https://origin.com/next", "5; url=https://ts.example.com/next")]
    [InlineData("0;URL='https://origin.com'", "0;URL='https://ts.example.com'")]
    [InlineData("<https://origin.com/app.css>; rel=preload; as=style", "<https://ts.example.com/app.css>; rel=preload; as=style")]
    [InlineData("<https://origin.com/a.js>; rel=preload, <https://cdn.other.com/b.js>; rel=preload, <//origin.com/f.woff2>; rel=preload",
        "<https://ts.example.com/a.js>; rel=preload, <https://cdn.other.com/b.js>; rel=preload, <//ts.example.com/f.woff2>; rel=preload")]
    public void Url_headers_map_origin_urls(string value, string expected) =>
        Assert.Equal(expected, ResponseHeaderRules.MapUrlHeader(Mapper, value));

    [Theory]
    [InlineData("sid=1; Domain=origin.com; Path=/", "www.origin.com", "sid=1; Domain=ts.example.com; Path=/")]
    [InlineData("sid=1; Path=/; domain=.origin.com", "www.origin.com", "sid=1; Path=/; domain=ts.example.com")]
    [InlineData("sid=1; DOMAIN = Origin.COM ; Secure", "origin.com", "sid=1; DOMAIN = ts.example.com ; Secure")]
    [InlineData("sid=1; Domain=www.origin.com", "www.origin.com", "sid=1; Domain=ts.example.com")]
    [InlineData("sid=1; Domain=other.com", "www.origin.com", "sid=1; Domain=other.com")]
    [InlineData("sid=1; Domain=rigin.com", "www.origin.com", "sid=1; Domain=rigin.com")]
    [InlineData("sid=1; Domain=cdn.origin.com", "www.origin.com", "sid=1; Domain=cdn.origin.com")]
    [InlineData("sid=1; Path=/", "www.origin.com", "sid=1; Path=/")]
    [InlineData("Domain=origin.com; Path=/", "origin.com", "Domain=origin.com; Path=/")]
    [InlineData("sid=1; Domain=", "origin.com", "sid=1; Domain=")]
    [InlineData("sid=1; Domain=other.com; Domain=origin.com; HttpOnly", "origin.com", "sid=1; Domain=other.com; Domain=ts.example.com; HttpOnly")]
    [InlineData("sid=1; Domain=origin.com;Domain=.origin.com", "origin.com", "sid=1; Domain=ts.example.com;Domain=ts.example.com")]
    public void Set_cookie_domain_equal_to_or_parent_of_the_origin_host_becomes_the_cookie_domain(string setCookie, string originHost, string expected) =>
        Assert.Equal(expected, ResponseHeaderRules.RewriteSetCookieDomain(setCookie, originHost, "ts.example.com"));

    [Theory]
    [InlineData("\"abc\"", "W/\"abc\"")]
    [InlineData("W/\"abc\"", "W/\"abc\"")]
    [InlineData("\"\"", "W/\"\"")]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    public void Strong_etags_become_weak(string etag, string expected) =>
        Assert.Equal(expected, ResponseHeaderRules.WeakenETag(etag));
}
