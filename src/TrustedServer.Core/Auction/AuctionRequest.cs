using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Core.Auction;

/// <summary>One auction as every provider sees it: the slots, the page, and the visitor as far as consent allows.</summary>
public sealed record AuctionRequest
{
    /// <summary>The auction's id (a UUID), also the OpenRTB request and response id.</summary>
    public required string Id { get; init; }

    /// <summary>The ad slots, in the order of the request's ad units.</summary>
    public required IReadOnlyList<AdSlot> Slots { get; init; }

    /// <summary>The publisher's domain (<c>[publisher] domain</c>).</summary>
    public required string PublisherDomain { get; init; }

    /// <summary>The page URL: the <c>Referer</c> when it is on the publisher's domain (no query or fragment), otherwise <c>https://domain/</c>.</summary>
    public required string PageUrl { get; init; }

    /// <summary>The request's host and scheme as the visitor used them (for signing).</summary>
    public string RequestHost { get; init; } = string.Empty;

    /// <summary>The request's scheme (<c>https</c> or <c>http</c>).</summary>
    public string RequestScheme { get; init; } = "https";

    /// <summary>The Edge Cookie ID, only when consent allows it.</summary>
    public string? EcId { get; init; }

    /// <summary>The EIDs consent allows to forward, or null.</summary>
    public IReadOnlyList<Eid>? Eids { get; init; }

    /// <summary>The visitor's device.</summary>
    public AuctionDevice Device { get; init; } = new();

    /// <summary>The consent signals to forward.</summary>
    public AuctionPrivacy Privacy { get; init; } = new();

    /// <summary>
    /// The visitor's <c>Cookie</c> header without the identifiers consent withheld from this request, for providers that
    /// forward cookies; null when none is left.
    /// </summary>
    public string? Cookies { get; init; }

    /// <summary>The request's <c>config</c> keys that <c>allowed_context_keys</c> keeps.</summary>
    public IReadOnlyDictionary<string, JsonElement> Context { get; init; } = new Dictionary<string, JsonElement>();
}
