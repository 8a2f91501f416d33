namespace TrustedServer.Hosting.AdSlots;

/// <summary>Page auction log events (no paths' queries, no consent strings, no IPs).</summary>
internal static partial class PageAuctionLog
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Debug, Message = "Page auction not run for this {Kind}: {Reason}")]
    public static partial void NotRun(ILogger logger, string reason, string kind);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Slot {SlotId} left out: its ad unit path for this page is over {Limit} bytes")]
    public static partial void SlotDropped(ILogger logger, string slotId, int limit);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Page auction failed: {Kind}: {Cause}")]
    public static partial void Failed(ILogger logger, string kind, string cause);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Page auction {Outcome}: {Slots} slots, {Bids} bids on the page, auction {TimeMs} ms, id {AuctionId}")]
    public static partial void Completed(ILogger logger, string outcome, int slots, int bids, double timeMs, string auctionId);
}
