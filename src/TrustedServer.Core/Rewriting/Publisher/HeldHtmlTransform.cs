using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// The publisher's HTML transform for a page with <see cref="PageInserts"/>: the rewriter writes through a writer that
/// switches to a held buffer when the structural <c>&lt;/body&gt;</c> is reached (everything before it has been
/// written by then), so the pipeline can send the page up to that point, await the body-end markup, and write it
/// followed by the held bytes. Without a <c>&lt;/body&gt;</c> the hold starts at the end of the document. Only one
/// chunk's output is ever held: the pipeline releases the hold right after the call that started it.
/// </summary>
public sealed class HeldHtmlTransform : IHoldingBodyTransform
{
    private readonly HtmlRewriter _inner;
    private readonly PageInserts _inserts;
    private readonly SwitchingWriter _writer = new();
    private bool _holdStarted;

    internal HeldHtmlTransform(HtmlRewriter inner, PageInserts inserts)
    {
        _inner = inner;
        _inserts = inserts;
    }

    /// <summary>The page's per-document state.</summary>
    public PublisherDocument Document => (PublisherDocument)_inner.State!;

    /// <inheritdoc />
    public bool IsHolding => _writer.Held is not null;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        _writer.Target = output;
        try
        {
            _inner.Process(chunk, _writer);
        }
        finally
        {
            _writer.Target = null;
        }
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        _writer.Target = output;
        try
        {
            _inner.Finish(_writer);
            if (!_holdStarted)
            {
                StartHold("document_end");
            }
        }
        finally
        {
            _writer.Target = null;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var held = _writer.Held;
        if (held is null)
        {
            return;
        }

        try
        {
            var markup = await _inserts.AtBodyEndAsync(cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(markup))
            {
                var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(markup.Length));
                output.Advance(Encoding.UTF8.GetBytes(markup, span));
            }

            output.Write(held.WrittenSpan);
        }
        finally
        {
            _writer.Held = null;
            held.Dispose();
        }
    }

    /// <summary>Called at the structural <c>&lt;/body&gt;</c>, before its end tag is written.</summary>
    internal void StartHold(string where)
    {
        if (_holdStarted)
        {
            return;
        }

        _holdStarted = true;
        _inserts.WrittenAt = where;
        _writer.Held = new PooledBufferWriter(1024);
    }

    private sealed class SwitchingWriter : IBufferWriter<byte>
    {
        public IBufferWriter<byte>? Target { get; set; }

        public PooledBufferWriter? Held { get; set; }

        private IBufferWriter<byte> Current => (IBufferWriter<byte>?)Held ?? Target ?? throw new InvalidOperationException("not inside Process or Finish");

        public void Advance(int count) => Current.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => Current.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Current.GetSpan(sizeHint);
    }
}
