using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Reload;

/// <summary>
/// What a reload cannot change because it belongs to the listener the process opened once: every <c>[server]</c> key
/// but <c>metrics_token</c> (limits, admin listeners, TLS file paths, the shutdown timeout). A new generation keeps the
/// running values, so it describes the listener it actually serves on, and the changed keys are reported.
/// </summary>
internal static class RestartOnlySettings
{
    public static (TrustedServerOptions Options, IReadOnlyList<string> NotApplied) Keep(TrustedServerOptions running, TrustedServerOptions loaded)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(loaded);
        var before = running.Server;
        var after = loaded.Server;
        var changed = new List<string>();
        Compare(changed, "server.max_request_header_bytes", before.MaxRequestHeaderBytes, after.MaxRequestHeaderBytes);
        Compare(changed, "server.max_url_bytes", before.MaxUrlBytes, after.MaxUrlBytes);
        Compare(changed, "server.max_concurrent_connections", before.MaxConcurrentConnections, after.MaxConcurrentConnections);
        Compare(changed, "server.keep_alive_timeout_ms", before.KeepAliveTimeout, after.KeepAliveTimeout);
        Compare(changed, "server.tls_certificate", before.TlsCertificate, after.TlsCertificate);
        Compare(changed, "server.tls_private_key", before.TlsPrivateKey, after.TlsPrivateKey);
        Compare(changed, "server.shutdown_timeout_ms", before.ShutdownTimeout, after.ShutdownTimeout);
        if (!before.AdminUrls.SequenceEqual(after.AdminUrls, StringComparer.Ordinal))
        {
            changed.Add("server.admin_urls");
        }

        return (loaded with { Server = before with { MetricsToken = after.MetricsToken } }, changed);
    }

    private static void Compare<T>(List<string> changed, string key, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            changed.Add(key);
        }
    }
}
