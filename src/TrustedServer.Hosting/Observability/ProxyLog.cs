using TrustedServer.Core.Delivery;

namespace TrustedServer.Hosting.Observability;

/// <summary>The proxy's log events. No IPs, cookies, consent strings or secrets are ever logged.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Delivery {Mode} for {Status} {Kind}: {Reason}")]
    public static partial void DeliveryChosen(ILogger logger, DeliveryMode mode, int status, ContentKind kind, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Passing through a {Kind} body unmodified: {Reason} (Content-Encoding '{ContentEncoding}')")]
    public static partial void UnprocessableBody(ILogger logger, ContentKind kind, string reason, string contentEncoding);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Buffered body over {Cap} bytes; falling back to {Mode}")]
    public static partial void BufferedOverCap(ILogger logger, long cap, DeliveryMode mode);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Response body failed after headers were sent (request {RequestId}); aborting the client connection")]
    public static partial void MidStreamFailure(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Origin failed while a Buffered body was read (request {RequestId}); sending 502")]
    public static partial void BufferedOriginFailure(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Origin request failed with {Error} (request {RequestId}); status {Status}")]
    public static partial void ForwardFailed(ILogger logger, string error, string requestId, int status, Exception? exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Client went away during the response (request {RequestId})")]
    public static partial void ClientGone(ILogger logger, string requestId);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Response body failed before anything was sent (request {RequestId}); sending an error page")]
    public static partial void FailedBeforeCommit(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Buffered body could not be rewritten ({Reason}); sending it unmodified")]
    public static partial void BufferedRewriteFailed(ILogger logger, string reason);
}
