namespace TrustedServer.Hosting.Auction;

/// <summary>
/// Auction log events beside the request line (which reports each auction through <see cref="AuctionLogEntry"/>).
/// Never the visitor's address, IDs or consent strings.
/// </summary>
internal static partial class AuctionLog
{
    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Auction failed: {Error}")]
    public static partial void Failed(ILogger logger, string error);

    [LoggerMessage(EventId = 503, Level = LogLevel.Debug, Message = "Auction request refused: {Field}: {Message}")]
    public static partial void BadRequest(ILogger logger, string field, string message);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Stored identity unavailable for the auction's EIDs: {Error}")]
    public static partial void StoreUnavailable(ILogger logger, string error);
}
