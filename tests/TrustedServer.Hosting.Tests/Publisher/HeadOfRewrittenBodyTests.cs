using System.Text;
using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

/// <summary>A HEAD carries the headers its GET would: for a body GET rewrites, not the origin's length or strong ETag.</summary>
public sealed class HeadOfRewrittenBodyTests
{
    [Theory]
    [InlineData(200, "text/html; charset=utf-8")]
    [InlineData(200, "text/css")]
    [InlineData(404, "text/html; charset=utf-8")]
    public async Task Head_of_a_rewritten_body_has_no_origin_length_no_ranges_and_the_get_etag(int status, string type)
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var body = Encoding.UTF8.GetBytes($"<html><head></head><body><a href=\"{context.Request.Scheme}://{context.Request.Host}/page\">x</a></body></html>");
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength = body.Length;
            context.Response.Headers.ETag = "\"e1\"";
            context.Response.Headers.AcceptRanges = "bytes";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var get = await RawHttp.SendAsync(proxy.Url, "GET", "/");
        var head = await RawHttp.SendAsync(proxy.Url, "HEAD", "/");

        Assert.Equal(status, head.Status);
        Assert.Empty(head.Body);
        Assert.Null(head.Header("Content-Length"));
        Assert.Null(head.Header("Accept-Ranges"));
        Assert.Equal("W/\"e1\"", head.Header("ETag"));
        Assert.Equal(get.Header("ETag"), head.Header("ETag"));
        Assert.Null(get.Header("Accept-Ranges"));
        Assert.Equal(type, head.Header("Content-Type"));
    }

    [Fact]
    public async Task Head_of_an_image_keeps_the_origin_length_ranges_and_etag()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.ContentType = "image/png";
            context.Response.ContentLength = 1988;
            context.Response.Headers.ETag = "\"img\"";
            context.Response.Headers.AcceptRanges = "bytes";
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var head = await RawHttp.SendAsync(proxy.Url, "HEAD", "/logo.png");

        Assert.Equal("1988", head.Header("Content-Length"));
        Assert.Equal("bytes", head.Header("Accept-Ranges"));
        Assert.Equal("\"img\"", head.Header("ETag"));
    }

    [Fact]
    public async Task A_304_for_a_rewritten_page_keeps_the_weak_tag_the_client_revalidates_with()
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.Headers.ETag = "\"v1\"";
            var sent = context.Request.Headers.IfNoneMatch.ToString();
            if (sent.Contains("\"v1\"", StringComparison.Ordinal))
            {
                // Origins compare If-None-Match weakly (RFC 9110 13.1.2), so W/"v1" matches "v1".
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head></head><body>x</body></html>", context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);

        var page = await RawHttp.SendAsync(proxy.Url, "GET", "/");
        var revalidated = await RawHttp.SendAsync(proxy.Url, "GET", "/", "If-None-Match: W/\"v1\"\r\n");
        var strong = await RawHttp.SendAsync(proxy.Url, "GET", "/logo.png", "If-None-Match: \"v1\"\r\n");

        Assert.Equal("W/\"v1\"", page.Header("ETag"));
        Assert.Equal(304, revalidated.Status);
        Assert.Equal("W/\"v1\"", revalidated.Header("ETag"));
        Assert.Equal(304, strong.Status);
        Assert.Equal("\"v1\"", strong.Header("ETag"));
    }
}
