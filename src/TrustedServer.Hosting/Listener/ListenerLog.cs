namespace TrustedServer.Hosting.Listener;

/// <summary>The listener's log lines: protocols, certificate reloads and shutdown.</summary>
internal static partial class ListenerLog
{
    public const string Category = "TrustedServer.Listener";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP/3 is off: {Reason}; https:// serves HTTP/1.1 and HTTP/2")]
    public static partial void Http3Off(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "TLS certificate reloaded: {Subject} ({Thumbprint}), valid until {NotAfter:u}")]
    public static partial void CertificateReloaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "TLS certificate not reloaded, the previous one stays in use: server.{Key}: {Problem}")]
    public static partial void CertificateReloadFailed(ILogger logger, string key, string problem);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Shutting down: no new connections; responses in flight get up to {TimeoutMs} ms to finish, then are aborted")]
    public static partial void ShuttingDown(ILogger logger, long timeoutMs);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "File descriptors: limit {Limit}, {Open} open; at most {Connections} client connections at once, so the rest cannot run out (set server.max_concurrent_connections to choose)")]
    public static partial void DescriptorCap(ILogger logger, ulong limit, int open, long connections);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "server.max_concurrent_connections {Connections} may need more file descriptors than the limit {Limit} allows ({Open} open, about {PerConnection} per connection); raise the limit (LimitNOFILE=, ulimit -n) or lower the setting")]
    public static partial void DescriptorShortfall(ILogger logger, long connections, ulong limit, int open, int perConnection);
}
