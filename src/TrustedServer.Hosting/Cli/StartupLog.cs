namespace TrustedServer.Hosting.Cli;

/// <summary>The startup line, through the configured log format when that is JSON (every stdout line one object).</summary>
internal static partial class StartupLog
{
    public const string Category = "TrustedServer.Startup";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Trusted Server is proxying {Origin} at {Url}")]
    public static partial void Proxying(ILogger logger, Uri origin, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Admin listener (/_ts/metrics, /_ts/admin/*, /_ts/health) at {Url}")]
    public static partial void AdminListening(ILogger logger, string url);
}
