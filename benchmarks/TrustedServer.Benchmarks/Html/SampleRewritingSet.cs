using System.Buffers;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Benchmarks.Html;

/// <summary>The acceptance rewriting set, allocation-free: byte-level replacement of the origin in a[href],
/// img[src] and link[href], a head prepend, and a chunk-safe replacement in every script's text.</summary>
internal static class SampleRewritingSet
{
    private static readonly byte[] Origin = "https://www.test-publisher.com"u8.ToArray();
    private static readonly byte[] Proxy = "https://proxy.example"u8.ToArray();

    public static HtmlRewriterSettings Create()
    {
        var scratch = new ArrayBufferWriter<byte>(4096);
        var script = new ScriptReplacer();
        return new HtmlRewriterSettings()
            .OnElement("a[href], link[href]", e => MapAttribute(e, "href", scratch))
            .OnElement("img[src]", e => MapAttribute(e, "src", scratch))
            .OnElement("head", e => e.Prepend("<script src=\"/ts.js\"></script>", HtmlContentType.Html))
            .OnText("script", script.Handle, wholeNode: true);
    }

    /// <summary>Every attribute of every element mapped when its raw value holds the origin.</summary>
    public static HtmlRewriterSettings CreateAllAttributes()
    {
        var scratch = new ArrayBufferWriter<byte>(4096);
        return new HtmlRewriterSettings().OnElement("*", e =>
        {
            for (var i = 0; i < e.AttributeCount; i++)
            {
                if (Replace(e.GetAttributeValueBytes(i), scratch, cut: int.MaxValue) > 0)
                {
                    e.SetAttributeRawValue(i, scratch.WrittenSpan);
                }
            }
        });
    }

    private static void MapAttribute(HtmlElement e, string name, ArrayBufferWriter<byte> scratch)
    {
        var i = e.IndexOfAttribute(name);
        if (i >= 0 && Replace(e.GetAttributeValueBytes(i), scratch, cut: int.MaxValue) > 0)
        {
            e.SetAttributeRawValue(i, scratch.WrittenSpan);
        }
    }

    /// <summary>Replaces matches starting before <paramref name="cut"/>; returns the count, output in scratch
    /// (written up to the end of the last match or to the cut, whichever is later).</summary>
    private static int Replace(ReadOnlySpan<byte> input, ArrayBufferWriter<byte> output, int cut, bool all = true)
    {
        if (all && input.IndexOf(Origin) < 0)
        {
            return 0;
        }

        output.ResetWrittenCount();
        var pos = 0;
        var count = 0;
        while (true)
        {
            var i = input[pos..].IndexOf(Origin);
            if (i < 0 || pos + i >= cut)
            {
                break;
            }

            output.Write(input.Slice(pos, i));
            output.Write(Proxy);
            pos += i + Origin.Length;
            count++;
        }

        output.Write(input[pos..(all ? input.Length : Math.Max(pos, Math.Min(cut, input.Length)))]);
        return count;
    }

    private sealed class ScriptReplacer
    {
        private readonly ArrayBufferWriter<byte> _data = new(64 * 1024);
        private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
        private readonly byte[] _carry = new byte[64];

        public void Handle(HtmlTextChunk chunk)
        {
            if (chunk.IsWholeNode)
            {
                if (Replace(chunk.Bytes, _output, int.MaxValue) > 0)
                {
                    chunk.ReplaceBytes(_output.WrittenSpan);
                }

                return;
            }

            // Over the buffering cap: stream, carrying a tail that could start a match into the next chunk.
            _data.Write(chunk.Bytes);
            var data = _data.WrittenSpan;
            var cut = chunk.LastInTextNode ? data.Length : Math.Max(0, data.Length - (Origin.Length - 1));
            Replace(data, _output, cut, all: false);
            var consumed = Math.Max(cut, ConsumedBy(data, cut));
            var carry = data[consumed..];
            carry.CopyTo(_carry);
            var carryLength = carry.Length;
            _data.ResetWrittenCount();
            _data.Write(_carry.AsSpan(0, carryLength));
            chunk.ReplaceBytes(_output.WrittenSpan);
        }

        private static int ConsumedBy(ReadOnlySpan<byte> data, int cut)
        {
            var pos = 0;
            while (true)
            {
                var i = data[pos..].IndexOf(Origin);
                if (i < 0 || pos + i >= cut)
                {
                    return pos;
                }

                pos += i + Origin.Length;
            }
        }
    }
}
