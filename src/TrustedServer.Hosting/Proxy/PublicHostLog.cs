namespace TrustedServer.Hosting.Proxy;

/// <summary>Log lines of <see cref="PublicHostGate"/>.</summary>
internal static partial class PublicHostLog
{
    [LoggerMessage(EventId = 121, Level = LogLevel.Debug, Message = "Refused a request for the undeclared host \"{Host}\" (from {Header}) with 421; add it to [publisher] aliases if it is yours")]
    public static partial void Refused(ILogger logger, string host, string header);
}
