using System.Text;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.Publisher;

[Collection(nameof(MemorySensitive))]
public sealed class RewritingMemoryTests
{
    private const int Copies = 48;
    private const long HeapLimit = 64L * 1024 * 1024;

    [Fact]
    public async Task A_26_MB_gzip_page_is_rewritten_in_full_while_the_managed_heap_stays_bounded()
    {
        var fixture = File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html"));
        long sent = 0;
        await using var origin = await OriginServer.StartAsync(async context =>
        {
            var page = Encoding.UTF8.GetBytes(fixture.Replace("www.test-publisher.com", context.Request.Host.Value, StringComparison.Ordinal));
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = Bodies.Encoder(context.Response.Body, "gzip");
            for (var i = 0; i < Copies; i++)
            {
                await gzip.WriteAsync(page, context.RequestAborted);
                sent += page.Length;
            }
        });
        await using var proxy = await ProxyServer.StartAsync(origin.Url, rewriting: true);
        var needle = Encoding.ASCII.GetBytes("//" + origin.Url.Authority);
        long received = 0;
        var leftovers = 0;

        var peak = await LargeBodyMemoryTests.MeasurePeakHeapAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/huge.html");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await proxy.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            await using var body = Bodies.Decoder(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), "gzip");
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                received += read;
                if (buffer.AsSpan(0, read).IndexOf(needle) >= 0)
                {
                    leftovers++;
                }
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap growth during the rewrite: {peak / (1024.0 * 1024):F1} MiB");
        Assert.True(peak < HeapLimit, $"managed heap grew by {peak / (1024 * 1024)} MiB");

        // Every copy is mapped alike (https becomes the request's http); the one injected tag is the only addition.
        string o = origin.Url.Authority, p = proxy.Url.Authority;
        var mapped = fixture.Replace("www.test-publisher.com", o, StringComparison.Ordinal)
            .Replace("https://" + o, "http://" + p, StringComparison.Ordinal)
            .Replace(@"https:\/\/" + o, @"http:\/\/" + p, StringComparison.Ordinal)
            .Replace("//" + o, "//" + p, StringComparison.Ordinal)
            .Replace(@"\/\/" + o, @"\/\/" + p, StringComparison.Ordinal);
        Assert.Equal(Copies * (long)Encoding.UTF8.GetByteCount(mapped) + Tsjs.TsjsBundles.ScriptTag.Length, received);
        Assert.True(sent > 16 * 1024 * 1024);
        Assert.Equal(0, leftovers);
    }
}
