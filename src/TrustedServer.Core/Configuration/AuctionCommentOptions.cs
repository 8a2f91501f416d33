namespace TrustedServer.Core.Configuration;

/// <summary><c>[debug.auction_html_comment_options]</c>: what the auction debug comment holds.</summary>
public sealed record AuctionCommentOptions
{
    /// <summary>The verbosities, least revealing first.</summary>
    public static IReadOnlyList<string> Verbosities { get; } = ["redacted", "upstream", "full"];

    /// <summary><c>verbosity</c>: <c>redacted</c> (outcomes and validated facts only), <c>upstream</c> (plus provider errors and metadata), <c>full</c> (everything, creatives included).</summary>
    public string Verbosity { get; init; } = "redacted";

    /// <summary><c>format</c>: <c>compact</c> or <c>pretty</c> (indented).</summary>
    public bool Pretty { get; init; }

    /// <summary><c>include_provider_responses</c>: one entry per provider.</summary>
    public bool IncludeProviderResponses { get; init; } = true;

    /// <summary><c>include_mediator_response</c>: the mediator's entry, when one ran.</summary>
    public bool IncludeMediatorResponse { get; init; } = true;

    /// <summary><c>include_bids</c>: the winning bids.</summary>
    public bool IncludeBids { get; init; } = true;
}
