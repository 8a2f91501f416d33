namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The one information line per request. Only the path (never the query), status, how the request ended, sizes,
/// timings and the request id: no IPs, cookies, consent strings or other headers. The status follows an arrow so that
/// nothing else in the line reads as one.
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "TrustedServer.Requests";

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} {Outcome}, {Mode}, {BytesOut} bytes, {DurationMs} ms (origin ttfb {OriginTtfbMs} ms), request {RequestId}")]
    public static partial void Proxied(ILogger logger, string method, string path, int status, string outcome, string mode, long bytesOut, double durationMs, double originTtfbMs, string requestId);

    /// <summary>A local route's answer, or an origin that failed before sending its headers: no origin timing.</summary>
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} {Outcome}, {BytesOut} bytes, {DurationMs} ms, request {RequestId}")]
    public static partial void Answered(ILogger logger, string method, string path, int status, string outcome, long bytesOut, double durationMs, string requestId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} {Outcome}, {BytesOut} bytes, {DurationMs} ms, auction {AuctionOutcome} in {AuctionMs} ms: providers {AuctionProviders}, {AuctionBids} bids, winners {AuctionWinners}, auction id {AuctionId}, request {RequestId}")]
    public static partial void Auction(ILogger logger, string method, string path, int status, string outcome, long bytesOut, double durationMs, string auctionOutcome, double auctionMs, string auctionProviders, int auctionBids, string auctionWinners, string auctionId, string requestId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} {Outcome}, {BytesOut} bytes, {DurationMs} ms, auction not run: {AuctionOutcome}, auction id {AuctionId}, request {RequestId}")]
    public static partial void AuctionNotRun(ILogger logger, string method, string path, int status, string outcome, long bytesOut, double durationMs, string auctionOutcome, string auctionId, string requestId);

    /// <summary>A request the server refused before any middleware ran: only the status is known and safe to log.</summary>
    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Request rejected before routing -> {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, int status, string reason);
}
