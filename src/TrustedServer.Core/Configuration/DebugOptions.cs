namespace TrustedServer.Core.Configuration;

/// <summary><c>[debug]</c>: local investigation aids, never for production.</summary>
public sealed record DebugOptions
{
    /// <summary><c>auction_html_comment</c>: a <c>&lt;!-- ts-debug: … --&gt;</c> dump of the page auction before its bids script.</summary>
    public bool AuctionHtmlComment { get; init; }

    /// <summary><c>[debug.auction_html_comment_options]</c>.</summary>
    public AuctionCommentOptions AuctionComment { get; init; } = new();
}
