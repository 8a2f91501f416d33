using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

public sealed class UrlMapperTests
{
    private static readonly UrlMapper Mapper = new(
        UrlMapperSettings.Create("https://origin.com", [new HostMapping("static.origin.com", "/static-origin")]),
        "https",
        "ts.example.com");

    [Theory]
    [InlineData("https://origin.com/a", "https://ts.example.com/a")]
    [InlineData("http://origin.com/a", "https://ts.example.com/a")]
    [InlineData("//origin.com/a", "//ts.example.com/a")]
    [InlineData("https:\\/\\/origin.com\\/a", "https:\\/\\/ts.example.com\\/a")]
    [InlineData("http:\\/\\/origin.com\\/a", "https:\\/\\/ts.example.com\\/a")]
    [InlineData("\\/\\/origin.com\\/a", "\\/\\/ts.example.com\\/a")]
    [InlineData("HTTPS://ORIGIN.COM/a", "https://ts.example.com/a")]
    [InlineData("https://Origin.Com", "https://ts.example.com")]
    [InlineData("url(//origin.com/a.png)", "url(//ts.example.com/a.png)")]
    [InlineData("x https://origin.com y", "x https://ts.example.com y")]
    [InlineData("{\"u\":\"https://origin.com\"}", "{\"u\":\"https://ts.example.com\"}")]
    [InlineData("{\"u\":\"https:\\/\\/origin.com\\\"}", "{\"u\":\"https:\\/\\/ts.example.com\\\"}")]
    [InlineData("a,https://origin.com,b", "a,https://ts.example.com,b")]
    [InlineData("https://origin.com;x", "https://ts.example.com;x")]
    [InlineData("<https://origin.com>", "<https://ts.example.com>")]
    [InlineData("'https://origin.com'", "'https://ts.example.com'")]
    [InlineData("`//origin.com`", "`//ts.example.com`")]
    [InlineData("https://origin.com?q=1", "https://ts.example.com?q=1")]
    [InlineData("https://origin.com#top", "https://ts.example.com#top")]
    [InlineData("https://origin.com\tx", "https://ts.example.com\tx")]
    [InlineData("https://origin.com\nx", "https://ts.example.com\nx")]
    [InlineData("https://origin.com:443/a", "https://ts.example.com/a")]
    [InlineData("http://origin.com:80/a", "https://ts.example.com/a")]
    [InlineData("//origin.com:443", "//ts.example.com")]
    [InlineData("https://static.origin.com/i.png", "https://ts.example.com/static-origin/i.png")]
    [InlineData("//static.origin.com/i.png", "//ts.example.com/static-origin/i.png")]
    [InlineData("https:\\/\\/static.origin.com\\/i.png", "https:\\/\\/ts.example.com\\/static-origin\\/i.png")]
    [InlineData("https://origin.com/a https://origin.com/b", "https://ts.example.com/a https://ts.example.com/b")]
    [InlineData("https://origin.com//origin.com/x", "https://ts.example.com//origin.com/x")]
    public void Origin_urls_in_every_form_are_mapped(string input, string expected) =>
        Assert.Equal(expected, Mapper.MapText(input));

    [Theory]
    [InlineData("https://origin.com.evil/a")]
    [InlineData("https://origin.community")]
    [InlineData("https://cdn.origin.com/a")]
    [InlineData("mail@origin.com")]
    [InlineData("notorigin.com")]
    [InlineData("https://notorigin.com/a")]
    [InlineData("https://origin.com-prod/a")]
    [InlineData("https://origin.comextra")]
    [InlineData("https://origin.com:8080/a")]
    [InlineData("https://origin.com:4430/a")]
    [InlineData("https://origin.com:80x/a")]
    [InlineData("https://origin.com:")]
    [InlineData("https://origin.com./a")]
    [InlineData("https://user@origin.com/a")]
    [InlineData("ftp://origin.com/a")]
    [InlineData("origin.com/a")]
    [InlineData("/origin.com/a")]
    [InlineData("https:/origin.com")]
    [InlineData("https://www.origin.com/a")]
    [InlineData("https://static.origin.com.evil/a")]
    [InlineData("https://xstatic.origin.com/a")]
    [InlineData("\\/origin.com")]
    [InlineData("https://orígin.com/a")]
    public void Look_alikes_other_ports_and_bare_hosts_in_text_are_untouched(string input) =>
        Assert.Same(input, Mapper.MapText(input));

    [Fact]
    public void An_explicit_origin_port_matches_only_that_port()
    {
        var mapper = new UrlMapper(UrlMapperSettings.Create("http://origin.com:8080"), "https", "ts.example.com");
        Assert.Equal("https://ts.example.com/a", mapper.MapText("http://origin.com:8080/a"));
        Assert.Equal("//ts.example.com/a", mapper.MapText("//origin.com:8080/a"));
        Assert.Equal("http://origin.com/a", mapper.MapText("http://origin.com/a"));
        Assert.Equal("http://origin.com:80/a", mapper.MapText("http://origin.com:80/a"));
        Assert.Equal("http://origin.com:443/a", mapper.MapText("http://origin.com:443/a"));
        Assert.Equal("http://origin.com:80800/a", mapper.MapText("http://origin.com:80800/a"));
    }

    [Fact]
    public void The_request_host_keeps_its_port_and_scheme()
    {
        var mapper = new UrlMapper(UrlMapperSettings.Create("https://origin.com"), "http", "localhost:8080");
        Assert.Equal("http://localhost:8080/a //localhost:8080/b", mapper.MapText("https://origin.com:443/a //origin.com/b"));
    }

    [Fact]
    public void A_request_host_containing_the_origin_host_is_not_rewritten_twice()
    {
        var mapper = new UrlMapper(UrlMapperSettings.Create("https://example.com"), "https", "www.example.com");
        var once = mapper.MapText("a https://example.com/x b //example.com/y c https:\\/\\/example.com d https://www.example.com/z");
        Assert.Equal("a https://www.example.com/x b //www.example.com/y c https:\\/\\/www.example.com d https://www.example.com/z", once);
        Assert.Same(once, mapper.MapText(once));
    }

    [Fact]
    public void Rewriting_output_again_changes_nothing()
    {
        var input = Encoding.UTF8.GetString(Compression.BodyGenerator.Js(seed: 1, approximateBytes: 20_000));
        var once = Mapper.MapText(input);
        Assert.NotEqual(input, once);
        Assert.Same(once, Mapper.MapText(once));
    }

    [Theory]
    [InlineData("origin.com/a", true, "ts.example.com/a")]
    [InlineData("origin.com", true, "ts.example.com")]
    [InlineData("ORIGIN.com:443/a?b", true, "ts.example.com/a?b")]
    [InlineData("static.origin.com/i.png", true, "ts.example.com/static-origin/i.png")]
    [InlineData("origin.com/a?u=https://origin.com/b", true, "ts.example.com/a?u=https://ts.example.com/b")]
    [InlineData("https://origin.com/a 1x, https://origin.com/b 2x", true, "https://ts.example.com/a 1x, https://ts.example.com/b 2x")]
    [InlineData("https://origin.com/a", false, "https://ts.example.com/a")]
    [InlineData("//origin.com/a", false, "//ts.example.com/a")]
    public void Attribute_values_are_mapped(string value, bool urlBearing, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(Mapper.TryMapAttributeValue(Encoding.ASCII.GetBytes(value), urlBearing, output));
        Assert.Equal(expected, Encoding.ASCII.GetString(output.WrittenSpan));
        Assert.Equal(expected, Mapper.MapAttributeValue(value, urlBearing));
    }

    [Theory]
    [InlineData("origin.com/a", false)]
    [InlineData(" origin.com/a", true)]
    [InlineData("origin.community", true)]
    [InlineData("origin.com.evil/a", true)]
    [InlineData("mail@origin.com", true)]
    [InlineData("notorigin.com", true)]
    [InlineData("cdn.origin.com/x", true)]
    [InlineData("origin.com:8080/x", true)]
    [InlineData("/local/path", true)]
    [InlineData("", true)]
    [InlineData("https://other.com/a", true)]
    public void Attribute_values_without_origin_urls_write_nothing(string value, bool urlBearing)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(Mapper.TryMapAttributeValue(Encoding.ASCII.GetBytes(value), urlBearing, output));
        Assert.Equal(0, output.WrittenCount);
        Assert.Same(value, Mapper.MapAttributeValue(value, urlBearing));
    }

    [Fact]
    public void Attribute_values_without_matches_allocate_nothing()
    {
        var values = new[] { "/static/app.js?v=1", "https://cdn.other.com/x.png 1x, https://cdn.other.com/y.png 2x", "origin.community", "plain" }
            .Select(Encoding.ASCII.GetBytes).ToArray();
        var output = new ArrayBufferWriter<byte>();
        foreach (var value in values)
        {
            Mapper.TryMapAttributeValue(value, urlBearing: true, output);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var value in values)
            {
                Assert.False(Mapper.TryMapAttributeValue(value, urlBearing: true, output));
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Non_ascii_text_around_a_mapped_url_survives_in_strings()
    {
        Assert.Equal("日本語 https://ts.example.com/é ü", Mapper.MapText("日本語 https://origin.com/é ü"));
        Assert.Equal("café https://ts.example.com/", Mapper.MapText("café https://origin.com/"));
    }

    [Theory]
    [InlineData("ftp://origin.com")]
    [InlineData("origin.com")]
    [InlineData("https://")]
    public void Settings_reject_origins_that_are_not_http_urls(string origin) =>
        Assert.Throws<ArgumentException>(() => UrlMapperSettings.Create(origin));

    [Fact]
    public void Settings_expose_the_origin_host_and_port()
    {
        var settings = UrlMapperSettings.Create("https://Origin.com:8443");
        Assert.Equal("origin.com", settings.OriginHost);
        Assert.Equal(8443, settings.OriginPort);
        Assert.Null(UrlMapperSettings.Create("https://origin.com:443").OriginPort);
    }
}
