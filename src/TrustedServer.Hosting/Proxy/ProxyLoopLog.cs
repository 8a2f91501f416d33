namespace TrustedServer.Hosting.Proxy;

/// <summary>Log lines of <see cref="ProxyLoopGuard"/>.</summary>
internal static partial class ProxyLoopLog
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "Request {RequestId} came back through this instance (origin_url leads here); answered 508 Loop Detected")]
    public static partial void LoopDetected(ILogger logger, string requestId);
}
