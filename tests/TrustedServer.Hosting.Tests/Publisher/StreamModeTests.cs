using System.Text;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

public sealed class StreamModeTests
{
    public static TheoryData<string, string> TextBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { "text/html; charset=utf-8", "text/css", "application/javascript", "application/json" })
        {
            foreach (var coding in new[] { "identity", "gzip", "deflate", "br" })
            {
                data.Add(type, coding);
            }
        }

        return data;
    }

    private static byte[] SampleText(string contentType)
    {
        var line = contentType.StartsWith("application/json", StringComparison.Ordinal)
            ? "{\"url\":\"https://origin.example.com/a\",\"n\":1},"
            : "<p><a href=\"https://origin.example.com/page\">link</a> body { color: red } var x = 1;</p>\n";
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append(i).Append(line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Theory]
    [MemberData(nameof(TextBodies))]
    public async Task Processable_2xx_bodies_stream_chunked_in_the_same_coding_and_decode_to_the_same_bytes(string contentType, string coding)
    {
        var plain = SampleText(contentType);
        var encoded = Bodies.Encode(plain, coding);
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            if (coding != "identity")
            {
                context.Response.Headers.ContentEncoding = coding;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.AcceptRanges = "bytes";
            context.Response.ContentLength = encoded.Length;
            await context.Response.Body.WriteAsync(encoded, context.RequestAborted);
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        var raw = await RawHttp.SendAsync(proxy.Url, "GET", "/page", "Accept-Encoding: gzip, deflate, br\r\n");

        Assert.Equal(200, raw.Status);
        Assert.Null(raw.Header("Content-Length"));
        Assert.Equal("chunked", raw.Header("Transfer-Encoding"));
        Assert.Equal(coding == "identity" ? null : coding, raw.Header("Content-Encoding"));
        Assert.Equal("W/\"v1\"", raw.Header("ETag"));
        Assert.Null(raw.Header("Accept-Ranges"));
        Assert.Equal("on", raw.Header(TestOptions.OperatorHeader));
        Assert.NotNull(raw.Header("x-ts-version"));
        Assert.True(raw.ClosedCleanly);
        Assert.Equal(plain, Bodies.Decode(Dechunk(raw.Body), coding));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task First_bytes_reach_the_client_before_the_origin_has_finished(string coding)
    {
        var clientSawFirstPart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var originFinished = false;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            var body = context.Response.Body;
            Stream writer = body;
            if (coding != "identity")
            {
                context.Response.Headers.ContentEncoding = coding;
                writer = Bodies.Encoder(body, coding);
            }

            for (var part = 1; part <= 5; part++)
            {
                if (part == 5)
                {
                    // The last part is held until the client proves it already has the first.
                    await clientSawFirstPart.Task.WaitAsync(TimeSpan.FromSeconds(15), context.RequestAborted);
                }

                await writer.WriteAsync(Encoding.UTF8.GetBytes($"<p>part {part}</p>\n"), context.RequestAborted);
                await writer.FlushAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
                if (part < 5)
                {
                    await Task.Delay(200, context.RequestAborted);
                }
            }

            if (!ReferenceEquals(writer, body))
            {
                await writer.DisposeAsync();
            }

            originFinished = true;
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        using var response = await proxy.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var raw = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await using var decoded = Bodies.Decoder(raw, coding);
        var text = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await decoded.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (!clientSawFirstPart.Task.IsCompleted && text.ToString().Contains("part 1", StringComparison.Ordinal))
            {
                Assert.False(originFinished);
                clientSawFirstPart.SetResult();
            }
        }

        Assert.True(clientSawFirstPart.Task.IsCompleted);
        Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>part {i}</p>\n")), text.ToString());
        Assert.Null(response.Content.Headers.ContentLength);
    }

    /// <summary>Decodes HTTP/1.1 chunked framing, requiring the terminating zero-length chunk.</summary>
    internal static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            Assert.True(lineEnd >= 0, "truncated chunk framing");
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                return output.ToArray();
            }

            output.Write(body, position, size);
            position += size + 2;
        }
    }
}
