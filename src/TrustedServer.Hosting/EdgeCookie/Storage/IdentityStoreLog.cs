namespace TrustedServer.Hosting.EdgeCookie.Storage;

/// <summary>Log events of the identity store; never IDs, passwords or consent strings.</summary>
internal static partial class IdentityStoreLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Identity store: {Kind} ({Location})")]
    public static partial void Selected(ILogger logger, string kind, string location);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Identity store file could not be written; retrying")]
    public static partial void FlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Identity store file: skipped {Count} unreadable lines")]
    public static partial void CorruptLinesSkipped(ILogger logger, int count);
}
