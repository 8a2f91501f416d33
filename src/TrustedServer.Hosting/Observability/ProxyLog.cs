using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Hosting.Observability;

/// <summary>
/// The proxy's log events. No IPs, cookies, consent strings or secrets are ever logged. An upstream failure is expected
/// in a proxy's life: it is one warning line with its cause, and the exception with its stack trace goes to
/// <see cref="UpstreamFailureDetail"/> at debug.
/// </summary>
internal static partial class ProxyLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Delivery {Mode} for {Status} {Kind}: {Reason}")]
    public static partial void DeliveryChosen(ILogger logger, DeliveryMode mode, int status, ContentKind kind, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Passing through a {Kind} body unmodified: {Reason} (Content-Encoding '{ContentEncoding}')")]
    public static partial void UnprocessableBody(ILogger logger, ContentKind kind, string reason, string contentEncoding);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Buffered body over {Cap} bytes; falling back to {Mode}")]
    public static partial void BufferedOverCap(ILogger logger, long cap, DeliveryMode mode);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Response body failed after headers were sent (request {RequestId}): {Cause}; aborting the client connection")]
    public static partial void MidStreamFailure(ILogger logger, string requestId, string cause);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Origin failed while a Buffered body was read (request {RequestId}): {Cause}; sending 502")]
    public static partial void BufferedOriginFailure(ILogger logger, string requestId, string cause);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Origin request failed (request {RequestId}): {Outcome}: {Cause}; answered {Status}")]
    public static partial void ForwardFailed(ILogger logger, string requestId, string outcome, string cause, int status);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Client went away during the response (request {RequestId})")]
    public static partial void ClientGone(ILogger logger, string requestId);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Buffered body could not be rewritten ({Reason}); sending it unmodified")]
    public static partial void BufferedRewriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Warning, Message = "Response body failed before anything was sent (request {RequestId}): {Cause}; sending an error page")]
    public static partial void FailedBeforeCommit(ILogger logger, string requestId, string cause);

    [LoggerMessage(EventId = 109, Level = LogLevel.Debug, Message = "Upstream failure of request {RequestId}")]
    public static partial void UpstreamFailureDetail(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "Unexpected failure of request {RequestId}")]
    public static partial void UnexpectedFailure(ILogger logger, string requestId, Exception exception);

    /// <summary>
    /// The exception behind a failure's warning: at debug when it is the upstream's doing (I/O, HTTP, timeouts, corrupt
    /// or oversized encodings), as an error with its stack trace when it is not, since that would be our own bug.
    /// </summary>
    public static void FailureDetail(ILogger logger, string requestId, Exception exception)
    {
        if (exception is IOException or HttpRequestException or TimeoutException or OperationCanceledException or InvalidDataException or DecodeLimitExceededException)
        {
            UpstreamFailureDetail(logger, requestId, exception);
        }
        else
        {
            UnexpectedFailure(logger, requestId, exception);
        }
    }

    /// <summary>The warning's cause in one line: the exception's message, which names the failure but not its stack.</summary>
    public static string Cause(Exception? exception) => exception switch
    {
        null => "no detail",
        { InnerException: { } inner } when exception.Message.Length == 0 => Cause(inner),
        _ => exception.Message,
    };
}
