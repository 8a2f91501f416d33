namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[server]</c>.</summary>
internal static class ServerOptionsBinder
{
    public static ServerOptions Server(ConfigSectionReader r)
    {
        var headerBytes = AtMostIntMax(r, "max_request_header_bytes", OptionsBinder.Positive(r, "max_request_header_bytes"));
        var urlBytes = AtMostIntMax(r, "max_url_bytes", OptionsBinder.Positive(r, "max_url_bytes"));
        var connections = OptionsBinder.Positive(r, "max_concurrent_connections");
        var keepAlive = OptionsBinder.Positive(r, "keep_alive_timeout_ms");
        r.ReportUnknownKeys();
        return new ServerOptions
        {
            MaxRequestHeaderBytes = headerBytes,
            MaxUrlBytes = urlBytes,
            MaxConcurrentConnections = connections,
            KeepAliveTimeout = keepAlive is { } k ? TimeSpan.FromMilliseconds(k) : null,
        };
    }

    private static int? AtMostIntMax(ConfigSectionReader r, string key, long? value)
    {
        if (value is > int.MaxValue)
        {
            r.Error(key, $"must be at most {int.MaxValue}");
            return null;
        }

        return (int?)value;
    }
}
