using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.Extensibility;

/// <summary>
/// A full-document HTML post-processor registered by an integration. Its presence makes 2xx HTML Buffered: the
/// decoded, rewritten document (at most <c>max_buffered_body_bytes</c>) is handed over whole.
/// </summary>
public interface IHtmlPostProcessor
{
    /// <summary>Returns the processed document (or <paramref name="document"/> itself when nothing changes).</summary>
    ReadOnlyMemory<byte> Process(ReadOnlyMemory<byte> document, VisitorRequest request);
}
