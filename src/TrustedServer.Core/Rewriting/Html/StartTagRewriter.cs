using System.Buffers;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// Rewrites a start tag straight from its bytes, for a handler whose common case needs no <see cref="HtmlElement"/>
/// (no content inserted, no end-tag handler). Writes the whole new tag to <paramref name="output"/> only when it
/// returns <see cref="StartTagRewrite.Written"/>; on <see cref="StartTagRewrite.Declined"/> the element handler runs.
/// </summary>
internal delegate StartTagRewrite StartTagRewriter(object? state, in HtmlTagView tag, IBufferWriter<byte> output);

/// <summary>What a <see cref="StartTagRewriter"/> did with a tag.</summary>
internal enum StartTagRewrite : byte
{
    /// <summary>Not handled here: build the element and call the element handler.</summary>
    Declined,

    /// <summary>The tag stays as it is.</summary>
    Unchanged,

    /// <summary>The new tag was written.</summary>
    Written,
}
