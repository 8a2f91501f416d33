namespace TrustedServer.Hosting.FirstParty;

/// <summary>First-party proxy log events. Targets are never logged with their query (it may carry the EC).</summary>
internal static partial class FirstPartyLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "First-party {Route} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "First-party target refused: {Refusal}")]
    public static partial void TargetRefused(ILogger logger, TrustedServer.Core.Ssrf.TargetRefusal refusal);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "First-party fetch of host {Host} failed: {Error}")]
    public static partial void FetchFailed(ILogger logger, string host, string error);

}
