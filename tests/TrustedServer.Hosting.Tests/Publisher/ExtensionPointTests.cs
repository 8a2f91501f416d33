using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Finalization;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class ExtensionPointTests
{
    private sealed class UpperCaseTransform : IBodyTransform
    {
        public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
        {
            var span = output.GetSpan(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                span[i] = chunk[i] is >= (byte)'a' and <= (byte)'z' ? (byte)(chunk[i] - 32) : chunk[i];
            }

            output.Advance(chunk.Length);
        }

        public void Finish(IBufferWriter<byte> output) => output.Write("<!--end-->"u8);
    }

    private sealed class UpperCaseFactory : IBodyTransformFactory
    {
        public List<(ContentKind Kind, VisitorRequest Request)> Calls { get; } = [];

        public IBodyTransform? Create(ContentKind kind, VisitorRequest request)
        {
            lock (Calls)
            {
                Calls.Add((kind, request));
            }

            return new UpperCaseTransform();
        }
    }

    private sealed class AppendingPostProcessor : IHtmlPostProcessor
    {
        public ReadOnlyMemory<byte> Process(ReadOnlyMemory<byte> document, VisitorRequest request) =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(document.Span) + "<!--post:" + request.Host + "-->");
    }

    private sealed class CookieFinalizer : IResponseFinalizer
    {
        public ValueTask ApplyAsync(HttpContext context)
        {
            context.Response.Headers.Append("Set-Cookie", "ts-ec=test; Path=/");
            return ValueTask.CompletedTask;
        }
    }

    private static Task<OriginServer> TextOriginAsync(int status, string type, string coding, string text) => OriginServer.StartAsync(async context =>
    {
        var encoded = Bodies.Encode(Encoding.UTF8.GetBytes(text), coding);
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        if (coding != "identity")
        {
            context.Response.Headers.ContentEncoding = coding;
        }

        context.Response.ContentLength = encoded.Length;
        await context.Response.Body.WriteAsync(encoded, context.RequestAborted);
    });

    [Theory]
    [InlineData(200, "gzip", "chunked")]
    [InlineData(404, "br", null)]
    public async Task The_body_transform_factory_rewrites_streamed_and_buffered_bodies(int status, string coding, string? transferEncoding)
    {
        var factory = new UpperCaseFactory();
        await using var origin = await TextOriginAsync(status, "text/html", coding, "<p>hello</p>");
        await using var proxy = await ProxyServer.StartAsync(origin.Url, services: s => s.AddSingleton<IBodyTransformFactory>(factory));

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/", "Accept-Encoding: gzip, br\r\n");
        var body = transferEncoding is null ? raw.Body : StreamModeTests.Dechunk(raw.Body);

        Assert.Equal(status, raw.Status);
        Assert.Equal(transferEncoding, raw.Header("Transfer-Encoding"));
        if (transferEncoding is null)
        {
            Assert.Equal(raw.Body.Length.ToString(), raw.Header("Content-Length"));
        }

        Assert.Equal("<P>HELLO</P><!--end-->", Encoding.UTF8.GetString(Bodies.Decode(body, coding)));
        var call = Assert.Single(factory.Calls);
        Assert.Equal(ContentKind.Html, call.Kind);
        Assert.Equal(("http", proxy.Url.Authority), (call.Request.Scheme, call.Request.Host));
    }

    [Fact]
    public async Task Binaries_never_reach_the_transform()
    {
        var factory = new UpperCaseFactory();
        await using var origin = await TextOriginAsync(200, "image/svg", "identity", "abc");
        await using var proxy = await ProxyServer.StartAsync(origin.Url, services: s => s.AddSingleton<IBodyTransformFactory>(factory));

        using var response = await proxy.Client.GetAsync("/x", TestContext.Current.CancellationToken);

        Assert.Equal("abc", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(factory.Calls);
    }

    [Fact]
    public async Task Html_post_processors_buffer_the_document_and_send_an_exact_length()
    {
        await using var origin = await TextOriginAsync(200, "text/html; charset=utf-8", "gzip", "<html><body>hi</body></html>");
        await using var proxy = await ProxyServer.StartAsync(origin.Url, services: s => s.AddSingleton<IHtmlPostProcessor, AppendingPostProcessor>());

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/", "Accept-Encoding: gzip\r\n");

        Assert.Null(raw.Header("Transfer-Encoding"));
        Assert.Equal(raw.Body.Length.ToString(), raw.Header("Content-Length"));
        Assert.Equal("gzip", raw.Header("Content-Encoding"));
        Assert.Equal($"<html><body>hi</body></html><!--post:{proxy.Url.Authority}-->", Encoding.UTF8.GetString(Bodies.Decode(raw.Body, "gzip")));
    }

    [Fact]
    public async Task Html_over_the_cap_with_post_processors_degrades_to_stream_without_them()
    {
        var page = "<html><body>" + new string('x', 5000) + "</body></html>";
        await using var origin = await TextOriginAsync(200, "text/html", "identity", page);
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with { MaxBufferedBodyBytes = 1000 }, s => s.AddSingleton<IHtmlPostProcessor, AppendingPostProcessor>());

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/");

        Assert.Equal("chunked", raw.Header("Transfer-Encoding"));
        Assert.Equal(page, Encoding.UTF8.GetString(StreamModeTests.Dechunk(raw.Body)));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task Added_finalizers_run_on_every_mode(string type)
    {
        await using var origin = await TextOriginAsync(200, type, "identity", "body");
        await using var proxy = await ProxyServer.StartAsync(origin.Url, services: s => s.AddSingleton<IResponseFinalizer, CookieFinalizer>());

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("ts-ec=test; Path=/", response.Headers.GetValues("Set-Cookie"));
        Assert.True(response.Headers.Contains("x-ts-version"));
    }

    [Fact]
    public async Task Operator_headers_overwrite_the_origin_values()
    {
        await using var origin = await OriginServer.StartAsync(context =>
        {
            context.Response.Headers[TestOptions.OperatorHeader] = "origin-value";
            return Task.CompletedTask;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("on", response.Headers.GetValues(TestOptions.OperatorHeader).Single());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task Stream_and_buffered_bodies_outlive_timeouts_shorter_than_the_whole_body(int status)
    {
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            for (var i = 0; i < 5; i++)
            {
                await context.Response.WriteAsync($"<p>{i}</p>", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(400, context.RequestAborted);
            }
        });

        // Each gap leaves a wide margin under the timeouts (a loaded CI machine stalls for hundreds of ms), while
        // the whole body (2 s) still takes longer than either timeout.
        await using var proxy = await ProxyServer.StartAsync(origin.Url, p => p with
        {
            FirstByteTimeout = TimeSpan.FromMilliseconds(1200),
            BetweenBytesTimeout = TimeSpan.FromMilliseconds(1200),
        });

        using var response = await proxy.Client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal("<p>0</p><p>1</p><p>2</p><p>3</p><p>4</p>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
