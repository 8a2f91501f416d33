using System.Text;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Tests.Html;

/// <summary>What handlers see (tags, attributes, raw text) does not depend on how the input is chunked.</summary>
public sealed class TokenizerChunkInvarianceTests
{
    [Fact]
    public void Tags_and_text_are_the_same_byte_by_byte_as_in_one_chunk()
    {
        var inputs = Directory.GetFiles(Path.Combine(SharedPaths.Root, "conformance", "html5lib-tokenizer"), "*.test")
            .SelectMany(f => Html5libTokenizerConformanceTests.Cases(Path.GetFileName(f)))
            .Select(c => c.Input)
            .DistinctBy(Convert.ToBase64String)
            .Append(Encoding.UTF8.GetBytes("<svg><![CDATA[<a>]]><p>x</p></svg><script><!--<script>x</script>--></script><textarea></b></textarea>"));
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            var whole = Record(input, input.Length);
            var bytewise = Record(input, 1);
            if (whole != bytewise)
            {
                failures.Add(Encoding.UTF8.GetString(input) + "\n  " + whole + "\n  " + bytewise);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static string Record(byte[] input, int chunk)
    {
        var recorder = new TagRecorder();
        using var tokenizer = new HtmlTokenizer(recorder, 65536);
        for (var pos = 0; pos < input.Length; pos += chunk)
        {
            tokenizer.Feed(input.AsSpan(pos, Math.Min(chunk, input.Length - pos)));
        }

        tokenizer.Finish();
        recorder.FlushText();
        return recorder.Log.ToString();
    }

    private sealed class TagRecorder : IHtmlTokenSink
    {
        private readonly List<byte> _text = [];
        private HtmlTextKind _kind;

        public StringBuilder Log { get; } = new();

        public void Text(ReadOnlySpan<byte> text, HtmlTextKind kind)
        {
            if (_text.Count > 0 && kind != _kind)
            {
                FlushText();
            }

            _kind = kind;
            _text.AddRange(text);
        }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            // Comments and the like stream through in pieces; only where they are matters.
            FlushText();
            if (Log.Length < 5 || Log.ToString(Log.Length - 5, 5) != "[raw]")
            {
                Log.Append("[raw]");
            }
        }

        public void StartTag(in HtmlTagView tag) => Tag("<", tag);

        public void EndTag(in HtmlTagView tag) => Tag("</", tag);

        public void Markup(MarkupKind kind, ReadOnlySpan<byte> data)
        {
        }

        public void FlushText()
        {
            if (_text.Count > 0)
            {
                Log.Append('{').Append(_kind).Append(':').Append(Convert.ToHexString([.. _text])).Append('}');
                _text.Clear();
            }
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
