namespace TrustedServer.Hosting.Auction;

/// <summary>Auction log events. Never the visitor's address, IDs or consent strings.</summary>
internal static partial class AuctionLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Auction {AuctionId} {Strategy}: providers {Providers}, {Bids} bids, winners {Winners}, {TimeMs} ms")]
    public static partial void Completed(ILogger logger, string auctionId, string strategy, string providers, int bids, string winners, double timeMs);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Auction not run: {Reason}")]
    public static partial void NotRun(ILogger logger, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Auction failed: {Error}")]
    public static partial void Failed(ILogger logger, string error);

    [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "Auction request refused: {Field}: {Message}")]
    public static partial void BadRequest(ILogger logger, string field, string message);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Stored identity unavailable for the auction's EIDs: {Error}")]
    public static partial void StoreUnavailable(ILogger logger, string error);
}
