namespace TrustedServer.Hosting.RequestSigning;

/// <summary>Request-signing log messages: kids and store locations only, never key material or passphrases.</summary>
internal static partial class SigningLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Signing key store {Location}: current kid {Kid}, {Active} active")]
    public static partial void Loaded(ILogger logger, string location, string kid, int active);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Signing key store {Location} has no usable signing key ({Problem}); bid requests go unsigned until one is made (trusted-server keys generate)")]
    public static partial void NoSigningKey(ILogger logger, string location, string problem);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Signing key store refresh failed; keeping the keys loaded before")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Signing key rotated: new kid {NewKid}, previous kid {PreviousKid}")]
    public static partial void Rotated(ILogger logger, string newKid, string? previousKid);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Information, Message = "Signing key {Kid} deactivated (deleted: {Deleted})")]
    public static partial void Deactivated(ILogger logger, string kid, bool deleted);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "Signing key operation refused or failed ({Status}): {Error}")]
    public static partial void OperationFailed(ILogger logger, string status, string? error);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Information, Message = "Signing keys changed in the store: current kid {Kid}, {Active} active")]
    public static partial void Changed(ILogger logger, string? kid, int active);
}
