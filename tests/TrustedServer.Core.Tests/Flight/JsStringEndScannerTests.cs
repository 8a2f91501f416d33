using System.Text;
using TrustedServer.Core.Rewriting.Flight;

namespace TrustedServer.Core.Tests.Flight;

public sealed class JsStringEndScannerTests
{
    [Theory]
    [InlineData("abc\"])", 3)]
    [InlineData("\\\"abc\"", 5)]
    [InlineData("\\\\\"", 2)]
    [InlineData("\\\\\\\"x\"", 5)]
    [InlineData("no end here \\\"", -1)]
    [InlineData("\"", 0)]
    [InlineData("", -1)]
    public void Finds_the_first_quote_no_odd_backslash_run_escapes(string text, int expected)
    {
        var scanner = default(JsStringEndScanner);

        Assert.Equal(expected, scanner.IndexOfEnd(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Backslash_runs_across_block_edges_and_chunk_edges_are_counted_whole()
    {
        // A run of backslashes ending exactly at byte 63, 64 and 65 of a block, odd and even, then a quote.
        for (var runStart = 50; runStart < 70; runStart++)
        {
            for (var runLength = 0; runLength < 6; runLength++)
            {
                var text = new string('a', runStart) + new string('\\', runLength) + "\"" + new string('b', 10) + "\"";
                var bytes = Encoding.ASCII.GetBytes(text);
                var expected = Reference(bytes);
                for (var split = 0; split <= bytes.Length; split++)
                {
                    Assert.Equal(expected, Chunked(bytes, [split]));
                }
            }
        }
    }

    [Fact]
    public void Random_texts_in_random_chunks_end_where_a_byte_by_byte_reader_says()
    {
        var random = new Random(20261205);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = new byte[random.Next(0, 300)];
            for (var i = 0; i < bytes.Length; i++)
            {
                // Mostly backslashes and quotes, so long runs and escaped quotes are common.
                bytes[i] = random.Next(10) switch
                {
                    < 5 => (byte)'\\',
                    < 6 => (byte)'"',
                    _ => (byte)'a',
                };
            }

            var cuts = Enumerable.Range(0, random.Next(0, 5)).Select(_ => random.Next(0, bytes.Length + 1)).Order().ToArray();

            Assert.Equal(Reference(bytes), Chunked(bytes, cuts));
        }
    }

    private static int Chunked(byte[] bytes, int[] cuts)
    {
        var scanner = default(JsStringEndScanner);
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            var found = scanner.IndexOfEnd(bytes.AsSpan(start, cut - start));
            if (found >= 0)
            {
                return start + found;
            }

            start = cut;
        }

        return -1;
    }

    private static int Reference(byte[] bytes)
    {
        var escaped = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (bytes[i] == (byte)'\\')
            {
                escaped = true;
            }
            else if (bytes[i] == (byte)'"')
            {
                return i;
            }
        }

        return -1;
    }
}
