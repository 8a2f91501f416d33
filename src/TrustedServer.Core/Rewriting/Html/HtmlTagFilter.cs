namespace TrustedServer.Core.Rewriting.Html;

/// <summary>
/// A cheap test on a start tag's raw bytes, run before an element handler: false means the handler would leave the
/// element unchanged, so the tag is copied through without building an <see cref="HtmlElement"/>.
/// </summary>
/// <param name="state">The rewriter's per-document state (<see cref="HtmlRewriter.State"/>).</param>
/// <param name="rawTag">The start tag as it appeared, from <c>&lt;</c> to <c>&gt;</c>.</param>
public delegate bool HtmlTagFilter(object? state, ReadOnlySpan<byte> rawTag);
