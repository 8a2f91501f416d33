namespace TrustedServer.Core.Rewriting.Html;

/// <summary>What the tokenizer reports, in document order. Spans are valid only during the call.</summary>
internal interface IHtmlTokenSink
{
    /// <summary>A run of text (one text node may arrive as several runs).</summary>
    void Text(ReadOnlySpan<byte> text, HtmlTextKind kind);

    /// <summary>Bytes with no rewritable meaning (comments, DOCTYPE, bogus comments, CDATA, oversized or truncated
    /// tags), to be copied as they are.</summary>
    void Raw(ReadOnlySpan<byte> bytes);

    void StartTag(in HtmlTagView tag);

    void EndTag(in HtmlTagView tag);

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
