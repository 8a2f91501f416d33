namespace TrustedServer.Hosting.Auction;

/// <summary>The body of a 400 or 502 from <c>POST /auction</c>.</summary>
internal sealed record AuctionError(string Error, string? Field = null);
