namespace TrustedServer.Hosting.Integrations;

internal static partial class IntegrationLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Request filter of {Integration} failed ({Reason}); the request goes on unchanged by it")]
    public static partial void FilterFailed(ILogger logger, string integration, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {Integration} upstream failed: {Cause}")]
    public static partial void UpstreamFailed(ILogger logger, string integration, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {Integration}: {Problem}")]
    public static partial void Problem(ILogger logger, string integration, string problem);
}
