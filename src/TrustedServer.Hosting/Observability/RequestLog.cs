namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The one information line per request. Only the path (never the query), status, mode, sizes, timings and the
/// request id: no IPs, cookies, consent strings or other headers.
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "TrustedServer.Requests";

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {Mode} {BytesOut} bytes {DurationMs} ms (origin ttfb {OriginTtfbMs} ms) {RequestId}")]
    public static partial void Completed(ILogger logger, string method, string path, int status, string mode, long bytesOut, double durationMs, double? originTtfbMs, string requestId);
}
