using Microsoft.AspNetCore.Http;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class BodilessAndBufferedTests
{
    [Fact]
    public async Task No_content_has_no_length_no_transfer_encoding_and_no_body()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/api/ping");

        Assert.Equal(204, raw.Status);
        Assert.Null(raw.Header("Content-Length"));
        Assert.Null(raw.Header("Transfer-Encoding"));
        Assert.Empty(raw.Body);
        Assert.Equal("on", raw.Header(TestOptions.OperatorHeader));
    }

    [Fact]
    public async Task Reset_content_carries_a_zero_content_length()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status205ResetContent;
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, "POST", "/form", "Content-Length: 0\r\n");

        Assert.Equal(205, raw.Status);
        Assert.Equal("0", raw.Header("Content-Length"));
        Assert.Null(raw.Header("Transfer-Encoding"));
        Assert.Empty(raw.Body);
    }

    [Theory]
    [InlineData("HEAD", 200, "image/png")]
    [InlineData("HEAD", 200, "application/octet-stream")]
    [InlineData("GET", 304, "text/html")]
    [InlineData("GET", 304, "image/png")]
    public async Task Head_of_a_passed_through_body_and_not_modified_keep_the_origin_length_and_send_no_body(string method, int status, string type)
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            context.Response.ContentLength = 1234;
            context.Response.Headers.ETag = "\"e1\"";
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, method, "/thing", "If-None-Match: \"e1\"\r\n");

        Assert.Equal(status, raw.Status);
        Assert.Equal("1234", raw.Header("Content-Length"));
        Assert.Null(raw.Header("Transfer-Encoding"));
        Assert.Equal("\"e1\"", raw.Header("ETag"));
        Assert.Empty(raw.Body);
        Assert.NotNull(raw.Header("x-ts-version"));
    }

    [Theory]
    [InlineData(404, "text/html; charset=utf-8", "identity")]
    [InlineData(404, "text/html; charset=utf-8", "gzip")]
    [InlineData(500, "text/html", "br")]
    [InlineData(404, "image/png", "identity")]
    [InlineData(500, "image/png", "identity")]
    [InlineData(302, "text/html", "identity")]
    public async Task Error_bodies_arrive_complete_with_an_exact_content_length(int status, string type, string coding)
    {
        var plain = Bodies.Make(50_000, status);
        var encoded = Bodies.Encode(plain, coding);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            // Chunked from the origin: the proxy must compute the length itself.
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            if (coding != "identity")
            {
                context.Response.Headers.ContentEncoding = coding;
            }

            await context.Response.Body.WriteAsync(encoded.AsMemory(0, 1000), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(encoded.AsMemory(1000), context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/missing", "Accept-Encoding: gzip, br\r\n");

        Assert.Equal(status, raw.Status);
        Assert.Null(raw.Header("Transfer-Encoding"));
        Assert.Equal(raw.Body.Length.ToString(), raw.Header("Content-Length"));
        Assert.Equal(plain, Bodies.Decode(raw.Body, coding == "identity" ? null : coding));
        Assert.Equal("on", raw.Header(TestOptions.OperatorHeader));
    }

    [Theory]
    [InlineData("text/html", "gzip", true)]
    [InlineData("image/png", "identity", false)]
    public async Task Buffered_bodies_over_the_cap_fall_back_instead_of_truncating(string type, string coding, bool expectStream)
    {
        var plain = Bodies.Make(20_000, 9);
        var encoded = Bodies.Encode(plain, coding);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = type;
            if (coding != "identity")
            {
                context.Response.Headers.ContentEncoding = coding;
            }

            context.Response.ContentLength = encoded.Length;
            await context.Response.Body.WriteAsync(encoded, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { MaxBufferedBodyBytes = 1024 });

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/big-404");

        Assert.Equal(404, raw.Status);
        if (expectStream)
        {
            Assert.Equal("chunked", raw.Header("Transfer-Encoding"));
            Assert.Null(raw.Header("Content-Length"));
            Assert.Equal(plain, Bodies.Decode(StreamModeTests.Dechunk(raw.Body), coding));
        }
        else
        {
            Assert.Equal(encoded.Length.ToString(), raw.Header("Content-Length"));
            Assert.Equal(plain, raw.Body);
        }
    }
}
