using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// A streaming HTML rewriter for one document: feed it chunks with <see cref="Process"/> and end with
/// <see cref="Finish"/>. Handlers come from a shared <see cref="HtmlRewriterSettings"/>. With no handlers the output
/// is the input, byte for byte; untouched tags and all text are copied from the input bytes. Never throws on input
/// bytes (handlers' own exceptions propagate).
/// </summary>
public sealed partial class HtmlRewriter : IBodyTransform, IHtmlTokenSink, IDisposable
{
    private readonly HtmlRewriterSettings.ElementRegistration[] _elementHandlers;
    private readonly HtmlRewriterSettings.TextRegistration[] _textHandlers;
    private readonly Action<HtmlDocumentEnd>[] _documentEndHandlers;
    private readonly HtmlTokenizer _tokenizer;
    private readonly HtmlRewriterSettings _settings;
    private readonly int _maxBufferedText;
    private readonly SinkShortcut _shortcut = new();
    private RewriterScratch? _scratch;
    private List<OpenElement> _stack;
    private IBufferWriter<byte>? _out;
    private int _open;
    private int _suppressedBy = -1;
    private bool _finished;

    /// <summary>Creates a rewriter for one document.</summary>
    /// <param name="settings">The handlers and limits (shared, not changed by the rewriter).</param>
    /// <param name="state">Per-document state, visible to handlers as <c>State</c>.</param>
    public HtmlRewriter(HtmlRewriterSettings settings, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _elementHandlers = settings.Elements;
        _textHandlers = settings.Texts;
        _documentEndHandlers = settings.DocumentEnd;
        _scratch = settings.RentScratch();
        _scratch.Attach(this);
        _stack = _scratch.Stack;
        _maxBufferedText = Math.Max(0, settings.MaxBufferedTextBytes);
        Encoding = settings.Encoding;
        State = state;
        _tokenizer = new HtmlTokenizer(this, settings.MaxTagBytes, shortcut: _shortcut);
    }

    /// <summary>The per-document state given at construction.</summary>
    public object? State { get; }

    internal Encoding Encoding { get; }

    private RewriterScratch Scratch => _scratch ?? throw new ObjectDisposedException(nameof(HtmlRewriter));

    private IBufferWriter<byte> Out => _out ?? throw new InvalidOperationException("not inside Process or Finish");

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_finished)
        {
            return;
        }

        _out = output;
        try
        {
            _tokenizer.Feed(chunk);
        }
        finally
        {
            _out = null;
        }
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_finished)
        {
            return;
        }

        _finished = true;
        _out = output;
        try
        {
            _tokenizer.Finish();
            EndTextNode();
            while (_open > 0)
            {
                CloseUnclosed(_stack[--_open]);
            }

            RefreshShortcut();

            if (_documentEndHandlers.Length > 0)
            {
                var end = _scratch!.DocumentEnd ??= new HtmlDocumentEnd(this);
                foreach (var handler in _documentEndHandlers)
                {
                    handler(end);
                }
            }
        }
        finally
        {
            _out = null;
            Dispose();
        }
    }

    /// <summary>Returns pooled buffers; called by <see cref="Finish"/>.</summary>
    public void Dispose()
    {
        _tokenizer.Dispose();
        ReturnTextBuffers();
        if (_scratch is { } scratch)
        {
            _scratch = null;
            _stack = [];
            _open = 0;
            _settings.ReturnScratch(scratch);
        }
    }

    bool IHtmlTokenSink.Raw(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> bytes)
    {
        if (_suppressedBy < 0 && !_inText)
        {
            return true;
        }

        WritePending(pending);
        if (_suppressedBy < 0)
        {
            EndTextNode();
            Out.Write(bytes);
        }

        return false;
    }

    void IHtmlTokenSink.Flush(ReadOnlySpan<byte> bytes) => Out.Write(bytes);

    void IHtmlTokenSink.Markup(MarkupKind kind, ReadOnlySpan<byte> data)
    {
    }

    bool IHtmlTokenSink.StartTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
    {
        if (_suppressedBy >= 0)
        {
            WritePending(pending);
            CountOpen(tag.Name);
            return false;
        }

        // Ending a handled text node writes it out, so the pending run goes first and the tag cannot join it.
        var tookOver = _inText;
        if (tookOver)
        {
            WritePending(pending);
            EndTextNode();
        }

        var textMatch = false;
        foreach (var registration in _textHandlers)
        {
            if (AnyMatches(registration.Selectors, tag))
            {
                textMatch = true;
                break;
            }
        }

        HtmlElement? element = null;
        foreach (var registration in _elementHandlers)
        {
            if (AnyMatches(registration.Selectors, tag) && (registration.Filter is null || registration.Filter(State, tag.Raw)))
            {
                if (registration.Rewriter is { } rewriter && !textMatch && _elementHandlers.Length == 1
                    && TryRewriteFromBytes(rewriter, pending, tag, tookOver, out var passed))
                {
                    return passed;
                }

                element ??= Materialize(tag);
                registration.Handler(element);
            }
        }

        if (element is null && !textMatch)
        {
            CountOpen(tag.Name);
            if (!tookOver)
            {
                return true;
            }

            Out.Write(tag.Raw);
            return false;
        }

        if (!tookOver)
        {
            WritePending(pending);
        }

        element ??= Materialize(tag);
        EmitStartTag(element, tag, textMatch);
        return false;
    }

    bool IHtmlTokenSink.EndTag(ReadOnlySpan<byte> pending, in HtmlTagView tag)
    {
        var index = FindOpen(tag.Name);
        if (index >= 0 && --_stack[index].Depth == 0)
        {
            if (_suppressedBy < 0 || index <= _suppressedBy)
            {
                WritePending(pending);
                EndTextNode();
                while (_open - 1 > index)
                {
                    CloseUnclosed(_stack[--_open]);
                }

                _open--;
                CloseMatched(_stack[index], tag);
                RefreshShortcut();
                return false;
            }
        }

        if (_suppressedBy < 0 && !_inText)
        {
            return true;
        }

        WritePending(pending);
        if (_suppressedBy < 0)
        {
            EndTextNode();
            Out.Write(tag.Raw);
        }

        return false;
    }

    /// <summary>Runs a registration's byte-level rewriter; false when it declined. <paramref name="passed"/> is the
    /// token's pass-through answer.</summary>
    private bool TryRewriteFromBytes(StartTagRewriter rewriter, ReadOnlySpan<byte> pending, in HtmlTagView tag, bool tookOver, out bool passed)
    {
        var bytes = Scratch.TagBytes ??= new ArrayBufferWriter<byte>(256);
        bytes.ResetWrittenCount();
        passed = false;
        switch (rewriter(State, tag, bytes))
        {
            case StartTagRewrite.Unchanged:
                CountOpen(tag.Name);
                if (tookOver)
                {
                    Out.Write(tag.Raw);
                    return true;
                }

                passed = true;
                return true;
            case StartTagRewrite.Written:
                CountOpen(tag.Name);
                if (!tookOver)
                {
                    WritePending(pending);
                }

                Out.Write(bytes.WrittenSpan);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Text and end tags pass through untouched exactly while no handled element is open and nothing is
    /// being removed; called wherever either changes.</summary>
    private void RefreshShortcut() => _shortcut.PassesTextAndEndTags = _open == 0 && _suppressedBy < 0;

    private void WritePending(ReadOnlySpan<byte> pending)
    {
        if (!pending.IsEmpty)
        {
            Out.Write(pending);
        }
    }

    private bool AnyMatches(Selector[] selectors, in HtmlTagView tag)
    {
        foreach (var s in selectors)
        {
            if (s.Matches(tag, Encoding))
            {
                return true;
            }
        }

        return false;
    }

    private HtmlElement Materialize(in HtmlTagView tag)
    {
        var foreign = _tokenizer.InForeignContent;
        var name = tag.Name;
        Span<byte> lower = stackalloc byte[Math.Min(name.Length, 16)];
        var isVoid = false;
        if (name.Length <= 16)
        {
            for (var i = 0; i < name.Length; i++)
            {
                lower[i] = TagNames.ToLower(name[i]);
            }

            isVoid = TagNames.IsVoid(lower);
        }

        var selfClosingForeign = tag.SelfClosing && (foreign || tag.Kind is TagKind.Svg or TagKind.Math);
        var canHaveContent = !selfClosingForeign && !(isVoid && !foreign);
        var rawText = !foreign && tag.Kind is TagKind.Script or TagKind.Style or TagKind.Xmp or TagKind.Iframe
            or TagKind.Noembed or TagKind.Noframes or TagKind.Plaintext;
        var element = Scratch.Element ??= new HtmlElement(this);
        element.Reset(tag, canHaveContent, rawText);
        return element;
    }

    private void EmitStartTag(HtmlElement element, in HtmlTagView tag, bool textMatch)
    {
        WriteList(element.BeforeContent, rawText: false);
        switch (element.Removal)
        {
            case HtmlElement.RemovalKind.None:
                element.WriteStartTag(Out);
                WriteList(element.PrependContent, element.RawTextContent);
                break;
            case HtmlElement.RemovalKind.Element:
                WriteList(element.ReplacementContent, rawText: false);
                break;
            default:
                WriteList(element.PrependContent, element.RawTextContent);
                break;
        }

        if (!element.CanHaveContent)
        {
            if (element.Removal != HtmlElement.RemovalKind.Element)
            {
                WriteList(element.AppendContent, rawText: false);
            }

            WriteList(element.AfterContent, rawText: false);
            return;
        }

        var needsEnd = textMatch || element.Removal != HtmlElement.RemovalKind.None || element.EndTagHandlers is not null
            || element.AppendContent.Count > 0 || element.AfterContent.Count > 0;
        if (!needsEnd)
        {
            CountOpen(tag.Name);
            return;
        }

        var entry = Push(tag.Name);
        entry.Removal = element.Removal;
        entry.RawText = element.RawTextContent;
        entry.EndTagHandlers = element.EndTagHandlers;
        element.AppendContent.MoveTo(entry.Append);
        element.AfterContent.MoveTo(entry.After);
        if (textMatch && element.Removal != HtmlElement.RemovalKind.Element)
        {
            foreach (var registration in _textHandlers)
            {
                if (AnyMatches(registration.Selectors, tag))
                {
                    entry.TextHandlers.Add(registration.Handler);
                    entry.WholeNodeText |= registration.WholeNode;
                }
            }
        }

        if (element.Removal == HtmlElement.RemovalKind.Element)
        {
            _suppressedBy = _open - 1;
        }

        RefreshShortcut();
    }
}
