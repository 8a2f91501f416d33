namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// A script session of a rewriter that replaces the URL mapping, which can claim its text node for itself: other
/// script rewriters then leave the node alone. A Next.js push script's string holds length-delimited Flight rows, and
/// a vendor replacer changing bytes inside one would make React misread the rest of the stream.
/// </summary>
internal interface IExclusiveScriptSession
{
    /// <summary>
    /// Is the current text node this session's alone? A session claims a node before it writes any of its bytes and
    /// keeps it to the node's end, so the other rewriters never see part of a claimed node.
    /// </summary>
    bool IsExclusive { get; }
}
