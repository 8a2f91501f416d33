namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>Identity log messages; never IDs, IPs, tokens or consent strings.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Edge Cookie decision {Kind}: {Reason}")]
    public static partial void Decision(ILogger logger, TrustedServer.Privacy.EdgeCookie.EcDecisionKind kind, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Edge Cookie not issued: the identity store write failed")]
    public static partial void MintFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Edge Cookie not issued: the identity store reported an existing entry for a fresh ID")]
    public static partial void MintCollision(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Withdrawal tombstone not written: the identity store failed")]
    public static partial void TombstoneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Identity store read failed on {Route}")]
    public static partial void ReadFailed(ILogger logger, string route, Exception exception);
}
