using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Tests.Html;

/// <summary>Runs documents through <see cref="HtmlRewriter"/> in given chunkings, and the shared rewriting set.</summary>
internal static class HtmlRewriterHarness
{
    public static readonly byte[] Origin = "https://www.test-publisher.com"u8.ToArray();
    public static readonly byte[] Proxy = "https://proxy.example"u8.ToArray();

    public static byte[] Fixture { get; } = File.ReadAllBytes(Path.Combine(RepositoryPaths.Fixtures, "html", "nextjs-article.html"));

    public static byte[] Run(HtmlRewriterSettings settings, ReadOnlySpan<byte> input, object? state = null)
    {
        var output = new ArrayBufferWriter<byte>(input.Length + 256);
        var rewriter = new HtmlRewriter(settings, state);
        rewriter.Process(input, output);
        rewriter.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    public static string Run(HtmlRewriterSettings settings, string html, object? state = null) =>
        Encoding.UTF8.GetString(Run(settings, Encoding.UTF8.GetBytes(html), state));

    /// <summary>Feeds the input in chunks whose sizes come from <paramref name="nextSize"/>.</summary>
    public static byte[] RunChunked(HtmlRewriterSettings settings, byte[] input, Func<int> nextSize, object? state = null)
    {
        var output = new ArrayBufferWriter<byte>(input.Length + 256);
        var rewriter = new HtmlRewriter(settings, state);
        var pos = 0;
        while (pos < input.Length)
        {
            var n = Math.Min(Math.Max(1, nextSize()), input.Length - pos);
            rewriter.Process(input.AsSpan(pos, n), output);
            pos += n;
        }

        rewriter.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] RunSplit(HtmlRewriterSettings settings, byte[] input, int split)
    {
        var output = new ArrayBufferWriter<byte>(input.Length + 256);
        var rewriter = new HtmlRewriter(settings);
        rewriter.Process(input.AsSpan(0, split), output);
        rewriter.Process(input.AsSpan(split), output);
        rewriter.Finish(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The rewriting set of the acceptance tests and the benchmark: origin URLs in a[href], img[src] and
    /// link[href] mapped (raw bytes, no strings), a head prepend, and every script's text replaced as a whole.</summary>
    public static HtmlRewriterSettings RewritingSet()
    {
        var scratch = new ArrayBufferWriter<byte>(4096);
        return new HtmlRewriterSettings()
            .OnElement("a[href], link[href]", e => MapAttribute(e, "href", scratch))
            .OnElement("img[src]", e => MapAttribute(e, "src", scratch))
            .OnElement("head", e => e.Prepend("<script src=\"/ts.js\"></script>", HtmlContentType.Html))
            .OnText("script", new ScriptReplacer(Origin, Proxy).Handle, wholeNode: true);
    }

    /// <summary>Replaces a byte string in script text. Whole nodes are replaced at once; a node over the buffering cap
    /// arrives in chunks, so a tail that could start a match is carried into the next chunk (chunk-invariant).</summary>
    public sealed class ScriptReplacer(byte[] from, byte[] to)
    {
        private readonly ArrayBufferWriter<byte> _data = new(4096);
        private readonly ArrayBufferWriter<byte> _output = new(4096);

        public void Handle(HtmlTextChunk chunk)
        {
            if (chunk.IsWholeNode)
            {
                if (ReplaceAll(chunk.Bytes, from, to, _output))
                {
                    chunk.ReplaceBytes(_output.WrittenSpan);
                }

                return;
            }

            _data.Write(chunk.Bytes);
            var data = _data.WrittenSpan;
            var cut = chunk.LastInTextNode ? data.Length : Math.Max(0, data.Length - (from.Length - 1));
            _output.ResetWrittenCount();
            var pos = 0;
            while (true)
            {
                var i = data[pos..].IndexOf(from);
                if (i < 0 || pos + i >= cut)
                {
                    break;
                }

                _output.Write(data.Slice(pos, i));
                _output.Write(to);
                pos += i + from.Length;
            }

            cut = Math.Max(cut, pos);
            _output.Write(data[pos..cut]);
            var carry = data[cut..].ToArray();
            _data.ResetWrittenCount();
            _data.Write(carry);
            chunk.ReplaceBytes(_output.WrittenSpan);
        }
    }

    private static void MapAttribute(HtmlElement e, string name, ArrayBufferWriter<byte> scratch)
    {
        var i = e.IndexOfAttribute(name);
        if (i >= 0 && ReplaceAll(e.GetAttributeValueBytes(i), Origin, Proxy, scratch))
        {
            e.SetAttributeRawValue(i, scratch.WrittenSpan);
        }
    }

    public static bool ReplaceAll(ReadOnlySpan<byte> input, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ArrayBufferWriter<byte> output)
    {
        var i = input.IndexOf(from);
        if (i < 0)
        {
            return false;
        }

        output.ResetWrittenCount();
        while (i >= 0)
        {
            output.Write(input[..i]);
            output.Write(to);
            input = input[(i + from.Length)..];
            i = input.IndexOf(from);
        }

        output.Write(input);
        return true;
    }
}
