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
        var adminUrls = AdminUrls(r);
        var metricsToken = r.String("metrics_token");
        OptionsBinder.Secret(r, "metrics_token", metricsToken, SecretRules.TokenMinimumBytes);
        r.ReportUnknownKeys();
        return new ServerOptions
        {
            MaxRequestHeaderBytes = headerBytes,
            MaxUrlBytes = urlBytes,
            MaxConcurrentConnections = connections,
            KeepAliveTimeout = keepAlive is { } k ? TimeSpan.FromMilliseconds(k) : null,
            AdminUrls = adminUrls,
            MetricsToken = metricsToken,
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

    /// <summary><c>admin_urls</c>: each entry as <c>serve --urls</c> takes it (several may share one entry, split by <c>;</c>).</summary>
    private static List<string> AdminUrls(ConfigSectionReader r)
    {
        var urls = new List<string>();
        foreach (var entry in r.StringList("admin_urls") ?? [])
        {
            if (ListenUrls.TryParse(entry, out var parsed) is { } problem)
            {
                r.Error("admin_urls", problem);
                return [];
            }

            urls.AddRange(parsed);
        }

        return urls;
    }
}
