namespace TrustedServer.Core.Rewriting.Html;

/// <summary>The end of the document, given to document-end handlers.</summary>
public sealed class HtmlDocumentEnd
{
    private HtmlRewriter _rewriter;

    internal HtmlDocumentEnd(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>Hands the (pooled) instance to the rewriter of the next document.</summary>
    internal void Attach(HtmlRewriter rewriter) => _rewriter = rewriter;

    /// <summary>The per-document state given to the rewriter.</summary>
    public object? State => _rewriter.State;

    /// <summary>Appends content at the very end of the output.</summary>
    public void Append(string content, HtmlContentType type) => _rewriter.WriteContent(content, type, rawText: false);
}
