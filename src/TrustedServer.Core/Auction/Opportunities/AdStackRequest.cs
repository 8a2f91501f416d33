namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>The request facts the ad-stack gate reads; null for a header that is absent.</summary>
public sealed record AdStackRequest(
    string Method,
    string? SecFetchMode = null,
    string? SecFetchDest = null,
    string? Accept = null,
    string? SecPurpose = null,
    string? Purpose = null,
    string? UserAgent = null);
