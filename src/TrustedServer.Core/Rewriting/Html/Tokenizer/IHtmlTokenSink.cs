namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>
/// What the tokenizer reports, in document order. Spans are valid only during the call.
/// </summary>
/// <remarks>
/// Output is coalesced: a token method returns true to pass its bytes through unchanged, and the tokenizer copies
/// such a run of tokens in one <see cref="Flush"/> later. The run not yet copied arrives as <c>pending</c>: a method
/// that returns false has taken its token over, and must write <c>pending</c> before anything else it writes.
/// </remarks>
internal interface IHtmlTokenSink
{
    /// <summary>A run of text (one text node may arrive as several runs).</summary>
    bool Text(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> text, HtmlTextKind kind);

    /// <summary>Bytes with no rewritable meaning (comments, DOCTYPE, bogus comments, CDATA, oversized or truncated
    /// tags), to be copied as they are.</summary>
    bool Raw(ReadOnlySpan<byte> pending, ReadOnlySpan<byte> bytes);

    bool StartTag(ReadOnlySpan<byte> pending, in HtmlTagView tag);

    bool EndTag(ReadOnlySpan<byte> pending, in HtmlTagView tag);

    /// <summary>Copies input bytes that the token methods passed through.</summary>
    void Flush(ReadOnlySpan<byte> bytes);

    /// <summary>Reports a finished comment, DOCTYPE or CDATA section whose bytes all lay in the current window
    /// (after its bytes went through <see cref="Raw"/>). Only token observers care.</summary>
    void Markup(MarkupKind kind, ReadOnlySpan<byte> data);
}

/// <summary>The kinds of markup reported through <see cref="IHtmlTokenSink.Markup"/>.</summary>
internal enum MarkupKind : byte
{
    /// <summary>A comment or bogus comment; the data is the comment text.</summary>
    Comment,

    /// <summary>A DOCTYPE; the data is the whole declaration from <c>&lt;!</c>.</summary>
    Doctype,

    /// <summary>A CDATA section in foreign content; the data is its text.</summary>
    CData,
}
