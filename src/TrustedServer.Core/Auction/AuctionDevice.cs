namespace TrustedServer.Core.Auction;

/// <summary>The visitor's device as the request shows it.</summary>
public sealed record AuctionDevice
{
    /// <summary>The <c>User-Agent</c>.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The trusted client address (never a client-supplied header unless a trusted proxy set it).</summary>
    public string? Ip { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of the visitor, or null.</summary>
    public string? Country { get; init; }

    /// <summary>The region (e.g. a US state code), or null.</summary>
    public string? Region { get; init; }

    /// <summary>True when the request carried <c>DNT: 1</c>.</summary>
    public bool DoNotTrack { get; init; }

    /// <summary>The primary language subtag of <c>Accept-Language</c> (e.g. <c>de</c>), or null.</summary>
    public string? Language { get; init; }

    /// <summary>The raw <c>Accept-Language</c>, forwarded to providers that want it.</summary>
    public string? AcceptLanguage { get; init; }
}
