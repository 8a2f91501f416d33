namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[server]</c>.</summary>
internal static class ServerOptionsBinder
{
    private const long MaxShutdownMs = 3_600_000;

    public static ServerOptions Server(ConfigSectionReader r)
    {
        var headerBytes = AtMostIntMax(r, "max_request_header_bytes", OptionsBinder.Positive(r, "max_request_header_bytes"));
        var urlBytes = AtMostIntMax(r, "max_url_bytes", OptionsBinder.Positive(r, "max_url_bytes"));
        var connections = OptionsBinder.Positive(r, "max_concurrent_connections");
        var keepAlive = OptionsBinder.Positive(r, "keep_alive_timeout_ms");
        var adminUrls = AdminUrls(r);
        var metricsToken = r.String("metrics_token");
        OptionsBinder.Secret(r, "metrics_token", metricsToken, SecretRules.TokenMinimumBytes);
        var shutdown = OptionsBinder.Positive(r, "shutdown_timeout_ms");
        if (shutdown is > MaxShutdownMs)
        {
            r.Error("shutdown_timeout_ms", $"must be at most {MaxShutdownMs} (one hour)");
            shutdown = null;
        }

        var (certificate, privateKey) = Tls(r);
        r.ReportUnknownKeys();
        return new ServerOptions
        {
            MaxRequestHeaderBytes = headerBytes,
            MaxUrlBytes = urlBytes,
            MaxConcurrentConnections = connections,
            KeepAliveTimeout = keepAlive is { } k ? TimeSpan.FromMilliseconds(k) : null,
            AdminUrls = adminUrls,
            MetricsToken = metricsToken,
            TlsCertificate = certificate,
            TlsPrivateKey = privateKey,
            ShutdownTimeout = shutdown is { } s ? TimeSpan.FromMilliseconds(s) : ServerOptions.DefaultShutdownTimeout,
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

            if (parsed.Any(ListenUrls.IsHttps))
            {
                r.Error("admin_urls", $"\"{entry}\": admin listeners serve plain http:// on a private address (terminate TLS in front of them if they must be reached across a network)");
                return [];
            }

            urls.AddRange(parsed);
        }

        return urls;
    }

    /// <summary>Both PEM files or neither; read now, so a bad pair fails <c>config validate</c> and startup, not a handshake.</summary>
    private static (string? Certificate, string? Key) Tls(ConfigSectionReader r)
    {
        var certificate = r.String("tls_certificate");
        var key = r.String("tls_private_key");
        if (certificate is null && key is null)
        {
            return (null, null);
        }

        if (key is null)
        {
            r.Error("tls_private_key", r.Find("tls_certificate"), "is required with tls_certificate: the PEM file of the certificate's private key");
            return (null, null);
        }

        if (certificate is null)
        {
            r.Error("tls_certificate", r.Find("tls_private_key"), "is required with tls_private_key: the PEM file of the certificate (then its intermediates)");
            return (null, null);
        }

        if (TlsPemFiles.Check(certificate, key) is { } problem)
        {
            if (problem.InPrivateKey)
            {
                r.Error("tls_private_key", problem.Message);
            }
            else
            {
                r.Error("tls_certificate", problem.Message);
            }

            return (null, null);
        }

        return (certificate, key);
    }
}
