namespace TrustedServer.Hosting.Reload;

/// <summary>The configuration reload's log lines.</summary>
internal static partial class ReloadLog
{
    public const string Category = "TrustedServer.Reload";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reloading the configuration from {File}")]
    public static partial void Reloading(ILogger logger, string file);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Configuration reloaded: generation {Generation} serves new requests; generation {Previous} finishes its {InFlight} request(s) in flight")]
    public static partial void Reloaded(ILogger logger, int generation, int previous, int inFlight);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Configuration not reloaded, generation {Generation} stays: {Error}")]
    public static partial void Invalid(ILogger logger, int generation, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Configuration not reloaded, generation {Generation} stays: it could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, int generation, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Changed keys that need a restart were not applied: {Keys}")]
    public static partial void RestartNeeded(ILogger logger, string keys);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Generation {Generation} retired: its last request finished")]
    public static partial void Retired(ILogger logger, int generation);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "SIGHUP ignored: the server is still starting with the configuration it was given")]
    public static partial void NotStarted(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Generation {Generation} could not be disposed cleanly: {Reason}")]
    public static partial void DisposeFailed(ILogger logger, int generation, string reason);
}
