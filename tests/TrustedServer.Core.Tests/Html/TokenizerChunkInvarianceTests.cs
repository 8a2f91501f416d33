using System.Text;
using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Tests.Html;

/// <summary>What handlers see (tags, attributes, raw text) does not depend on how the input is chunked.</summary>
public sealed class TokenizerChunkInvarianceTests
{
    [Fact]
    public void Tags_and_text_are_the_same_byte_by_byte_as_in_one_chunk()
    {
        var inputs = Inputs("<svg><![CDATA[<a>]]><p>x</p></svg><script><!--<script>x</script>--></script><textarea></b></textarea>");
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            var whole = Record(input, input.Length, out _);
            var bytewise = Record(input, 1, out _);
            if (whole != bytewise)
            {
                failures.Add(Encoding.UTF8.GetString(input) + "\n  " + whole + "\n  " + bytewise);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>
    /// Tokens a sink passes through are copied later in runs, tokens it takes over come with the run before them:
    /// whichever tokens are taken over and however the input is chunked, every input byte comes out once, in order.
    /// </summary>
    [Fact]
    public void Passed_through_runs_and_taken_over_tokens_add_up_to_the_input()
    {
        var inputs = Inputs("<p>a<!-- c --><a href=x>b</a>\n<svg><![CDATA[<a>]]></svg><script>x</script>");
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            foreach (var chunk in new[] { 1, 3, 7, input.Length })
            {
                foreach (var takeOverEvery in new[] { 1, 2, 3, int.MaxValue })
                {
                    Record(input, Math.Max(chunk, 1), out var output, takeOverEvery);
                    if (!output.AsSpan().SequenceEqual(input))
                    {
                        failures.Add($"chunk {chunk}, every {takeOverEvery}: {Encoding.UTF8.GetString(input)} -> {Encoding.UTF8.GetString(output)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>Every distinct input of the html5lib tokenizer suite, and one of ours.</summary>
    private static IEnumerable<byte[]> Inputs(string extra) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "html5lib-tokenizer"), "*.test")
            .SelectMany(f => Html5libTokenizerConformanceTests.Cases(Path.GetFileName(f)))
            .Select(c => c.Input)
            .DistinctBy(Convert.ToBase64String)
            .Append(Encoding.UTF8.GetBytes(extra));

    private static string Record(byte[] input, int chunk, out byte[] output, int takeOverEvery = 2)
    {
        var recorder = new TagRecorder(takeOverEvery);
        using var tokenizer = new HtmlTokenizer(recorder, 65536);
        for (var pos = 0; pos < input.Length; pos += chunk)
        {
            tokenizer.Feed(input.AsSpan(pos, Math.Min(chunk, input.Length - pos)));
        }

        tokenizer.Finish();
        recorder.FlushText();
        output = [.. recorder.Output];
        return recorder.Log.ToString();
    }

    /// <summary>Logs what handlers would see, and writes the output the coalescing protocol asks for, taking over
    /// every <c>takeOverEvery</c>-th token.</summary>
    private sealed class TagRecorder(int takeOverEvery) : IHtmlTokenSink
    {
        private readonly List<byte> _text = [];
        private HtmlTextKind _kind;
        private int _tokens;

        public StringBuilder Log { get; } = new();

        public List<byte> Output { get; } = [];

        public bool Text(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> text, HtmlTextKind kind)
        {
            if (_text.Count > 0 && kind != _kind)
            {
                FlushText();
            }

            _kind = kind;
            _text.AddRange(text);
            return PassOrTakeOver(pending, text);
        }

        public bool Raw(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> bytes)
        {
            // Markup beyond the hold cap streams through in pieces; only where raw bytes are matters.
            FlushText();
            if (Log.Length < 5 || Log.ToString(Log.Length - 5, 5) != "[raw]")
            {
                Log.Append("[raw]");
            }

            return PassOrTakeOver(pending, bytes);
        }

        public bool StartTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
        {
            Tag("<", tag);
            return PassOrTakeOver(pending, tag.Raw);
        }

        public bool EndTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
        {
            Tag("</", tag);
            return PassOrTakeOver(pending, tag.Raw);
        }

        public void Flush(ReadOnlySpan<byte> bytes) => Output.AddRange(bytes);

        public void Markup(MarkupKind kind, ReadOnlySpan<byte> data) =>
            Log.Append('{').Append(kind).Append(':').Append(Convert.ToHexString(data)).Append('}');

        public void FlushText()
        {
            if (_text.Count > 0)
            {
                Log.Append('{').Append(_kind).Append(':').Append(Convert.ToHexString([.. _text])).Append('}');
                _text.Clear();
            }
        }

        private bool PassOrTakeOver(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> token)
        {
            if (++_tokens % takeOverEvery != 0)
            {
                return true;
            }

            Output.AddRange(pending);
            Output.AddRange(token);
            return false;
        }

        private void Tag(string open, in HtmlTagView tag)
        {
            FlushText();
            Log.Append(open).Append(Encoding.UTF8.GetString(tag.Raw)).Append('|').Append(tag.SelfClosing);
            foreach (var a in tag.Attributes)
            {
                Log.Append('|').Append(a.NameStart).Append(',').Append(a.NameEnd).Append(',').Append(a.ValueStart).Append(',').Append(a.ValueEnd).Append(',').Append(a.End).Append(',').Append(a.Quote);
            }
        }
    }
}
