using System.Buffers;
using System.IO.Compression;
using System.Text;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Publisher;

/// <summary>
/// The page's body-end markup: written before the structural &lt;/body&gt; (never one inside a script), at the end
/// when there is none, nothing when the markup is null; everything before the hold reaches the output before the wait;
/// and the bytes do not depend on where chunks split.
/// </summary>
public sealed class HeldBodyEndTests
{
    private const string Tag = "<script src=\"/ts.js\"></script>";
    private const string Head = "<script>HEAD</script>";
    private const string Bids = "<script>BIDS</script>";
    private static readonly PublisherRewriter Rewriter = new(UrlMapperSettings.Create("https://www.origin.com"), scriptTag: Tag);

    private const string Page =
        "<!doctype html><html><head><title>t</title></head><body class=\"x\"><p>a <a href=\"https://www.origin.com/x\">x</a></p>"
        + "<script>var s = \"</body>\";</script><div>tail</div></body>\n<!-- after --></html>\n";

    private static (IHoldingBodyTransform Transform, PageInserts Inserts) Create(string? bids = Bids)
    {
        var inserts = new PageInserts(Head, _ => ValueTask.FromResult(bids));
        var transform = (IHoldingBodyTransform)Rewriter.Create(ContentKind.Html, Rewriter.CreateMapper("https", "www.example.com"), inserts)!;
        return (transform, inserts);
    }

    /// <summary>Drives the transform as the pipeline does; returns the output and what was out when the hold began.</summary>
    private static async Task<(string Output, string? BeforeHold)> RunAsync(IHoldingBodyTransform transform, IEnumerable<byte[]> chunks)
    {
        var output = new ArrayBufferWriter<byte>();
        string? beforeHold = null;
        async Task CheckHold()
        {
            if (transform.IsHolding)
            {
                beforeHold = Encoding.UTF8.GetString(output.WrittenSpan);
                await transform.ReleaseAsync(output, CancellationToken.None);
            }
        }

        foreach (var chunk in chunks)
        {
            transform.Process(chunk, output);
            await CheckHold();
        }

        transform.Finish(output);
        await CheckHold();
        return (Encoding.UTF8.GetString(output.WrittenSpan), beforeHold);
    }

    [Fact]
    public async Task The_bids_go_before_the_structural_body_end_tag_and_the_slots_into_head()
    {
        var (transform, inserts) = Create();

        var (output, beforeHold) = await RunAsync(transform, [Encoding.UTF8.GetBytes(Page)]);

        Assert.Contains("<head>" + Head + Tag + "<title>", output, StringComparison.Ordinal);
        Assert.Contains("<div>tail</div>" + Bids + "</body>\n<!-- after -->", output, StringComparison.Ordinal);
        Assert.Contains("var s = \"</body>\";</script><div>", output, StringComparison.Ordinal);
        Assert.EndsWith("<div>tail</div>", beforeHold, StringComparison.Ordinal);
        Assert.Contains("https://www.example.com/x", beforeHold, StringComparison.Ordinal);
        Assert.Equal("before_body_end", inserts.WrittenAt);
    }

    [Fact]
    public async Task A_page_without_body_end_gets_the_bids_at_the_end()
    {
        var (transform, inserts) = Create();

        var (output, _) = await RunAsync(transform, [Encoding.UTF8.GetBytes("<html><head></head><body><p>cut")]);

        Assert.EndsWith("<p>cut" + Bids, output, StringComparison.Ordinal);
        Assert.Equal("document_end", inserts.WrittenAt);
    }

    [Fact]
    public async Task No_winner_writes_nothing()
    {
        var (transform, _) = Create(bids: null);
        var (plain, _) = await RunAsync(Create(bids: null).Transform, [Encoding.UTF8.GetBytes(Page)]);

        var (output, _) = await RunAsync(transform, [Encoding.UTF8.GetBytes(Page)]);

        Assert.DoesNotContain("BIDS", output, StringComparison.Ordinal);
        Assert.Contains("<div>tail</div></body>", output, StringComparison.Ordinal);
        Assert.Equal(plain, output);
    }

    [Fact]
    public async Task The_output_is_the_same_at_every_split_point()
    {
        var bytes = Encoding.UTF8.GetBytes(Page);
        var (whole, _) = await RunAsync(Create().Transform, [bytes]);
        for (var split = 1; split < bytes.Length; split++)
        {
            var (output, beforeHold) = await RunAsync(Create().Transform, [bytes[..split], bytes[split..]]);

            Assert.Equal(whole, output);
            Assert.True(beforeHold!.Length <= whole.IndexOf(Bids, StringComparison.Ordinal), $"split {split}: held output was released too early");
        }

        var (byteByByte, _) = await RunAsync(Create().Transform, bytes.Select(b => new[] { b }));
        Assert.Equal(whole, byteByByte);
    }

    [Fact]
    public async Task Through_the_gzip_pipeline_the_page_before_the_hold_is_sent_before_the_wait()
    {
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inserts = new PageInserts(Head, ct => new ValueTask<string?>(release.Task.WaitAsync(ct)));
        var transform = Rewriter.Create(ContentKind.Html, Rewriter.CreateMapper("https", "www.example.com"), inserts)!;
        using var source = new MemoryStream(Gzip(Page));
        using var destination = new MemoryStream();

        var run = StreamingBodyPipeline.RunAsync(source, ContentCoding.Gzip, transform, destination, new DecodeLimits(1 << 20), CancellationToken.None);
        await WaitUntilAsync(() => destination.Length > 0);
        var early = Gunzip(destination.ToArray());
        Assert.EndsWith("<div>tail</div>", early, StringComparison.Ordinal);
        Assert.False(run.IsCompleted);

        release.SetResult(Bids);
        await run;
        Assert.Contains("<div>tail</div>" + Bids + "</body>", Gunzip(destination.ToArray()), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static string Gunzip(byte[] bytes)
    {
        // A stream that was sync-flushed but not finished: read what is there.
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var result = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                result.Write(buffer, 0, read);
            }
        }
        catch (EndOfStreamException)
        {
        }
        catch (InvalidDataException)
        {
        }

        return Encoding.UTF8.GetString(result.ToArray());
    }
}
