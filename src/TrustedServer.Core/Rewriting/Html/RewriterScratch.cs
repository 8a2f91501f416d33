namespace TrustedServer.Core.Rewriting.Html;

/// <summary>The reusable per-document objects of a rewriter, pooled by the settings so that documents after the
/// first allocate almost nothing.</summary>
internal sealed class RewriterScratch
{
    public HtmlElement? Element;
    public HtmlTextChunk? Chunk;
    public HtmlEndTag? EndTag;
    public HtmlDocumentEnd? DocumentEnd;
    public System.Buffers.ArrayBufferWriter<byte>? TagBytes;
    public readonly List<OpenElement> Stack = [];

    public void Attach(HtmlRewriter rewriter)
    {
        Element?.Attach(rewriter);
        Chunk?.Attach(rewriter);
        EndTag?.Attach(rewriter);
        DocumentEnd?.Attach(rewriter);
    }
}
