using System.Buffers;
using System.Text;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// A <c>text/css</c> body as an <see cref="IBodyTransform"/>: UTF-8 (or ASCII) decoded across chunk boundaries and
/// streamed through a <see cref="CssUrlRewriter"/>, which holds back only an unfinished <c>url(</c> value.
/// </summary>
public sealed class CssBodyTransform : IBodyTransform
{
    private readonly CssUrlRewriter _css;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _output = new();
    private char[] _chars = [];

    /// <summary>Creates the transform over one rewriter (one body).</summary>
    public CssBodyTransform(CssUrlRewriter css)
    {
        ArgumentNullException.ThrowIfNull(css);
        _css = css;
    }

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = _decoder.GetCharCount(chunk, flush: false);
        if (_chars.Length < count)
        {
            _chars = new char[Math.Max(count, _chars.Length * 2)];
        }

        var written = _decoder.GetChars(chunk, _chars, flush: false);
        _output.Clear();
        _css.Push(_chars.AsSpan(0, written), _output);
        Write(output);
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output.Clear();
        var tail = new char[_decoder.GetCharCount([], flush: true)];
        _decoder.GetChars([], tail, flush: true);
        _css.Push(tail, _output);
        _css.Flush(_output);
        Write(output);
    }

    private void Write(IBufferWriter<byte> output)
    {
        // One string, so a surrogate pair split across the builder's chunks is encoded whole.
        var text = _output.ToString();
        var bytes = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, bytes));
    }
}
