namespace TrustedServer.Hosting.Integrations.DataDome;

internal static partial class DataDomeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "DataDome protection decision={Decision} api_status={ApiStatus} method={Method}")]
    public static partial void Decision(ILogger logger, string decision, int apiStatus, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DataDome protection decision=failed_open reason={Reason} method={Method}")]
    public static partial void FailedOpen(ILogger logger, string reason, string method);

    [LoggerMessage(Level = LogLevel.Debug, Message = "DataDome protection decision=skipped rule={RuleId} reason={Reason} method={Method}")]
    public static partial void Skipped(ILogger logger, string ruleId, string reason, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "DataDome protection decision=skipped rule=protection-test-bypass reason=test_bypass method={Method}")]
    public static partial void TestBypass(ILogger logger, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DataDome header {Header} was not applied: the server owns it")]
    public static partial void HeaderRefused(ILogger logger, string header);
}
