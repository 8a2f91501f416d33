namespace TrustedServer.Core.Configuration;

/// <summary><c>[server]</c>: the listener itself; every limit left out keeps Kestrel's default.</summary>
public sealed record ServerOptions
{
    /// <summary><c>max_request_header_bytes</c>: the total size of a request's headers; larger requests get 431.</summary>
    public int? MaxRequestHeaderBytes { get; init; }

    /// <summary><c>max_url_bytes</c>: the size of the request line's target; longer ones get 414.</summary>
    public int? MaxUrlBytes { get; init; }

    /// <summary><c>max_concurrent_connections</c>: open client connections; further ones are refused at accept.</summary>
    public long? MaxConcurrentConnections { get; init; }

    /// <summary><c>keep_alive_timeout_ms</c>: how long an idle client connection is kept open.</summary>
    public TimeSpan? KeepAliveTimeout { get; init; }

    /// <summary><c>admin_urls</c>: listeners for operators; <c>/_ts/metrics</c> and <c>/_ts/admin/*</c> are served there only.</summary>
    public IReadOnlyList<string> AdminUrls { get; init; } = [];

    /// <summary><c>metrics_token</c>: the bearer token that opens <c>/_ts/metrics</c> on the public port. Never logged.</summary>
    public string? MetricsToken { get; init; }
    /// <summary>What <c>shutdown_timeout_ms</c> is when absent.</summary>
    public static TimeSpan DefaultShutdownTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary><c>tls_certificate</c>: the PEM file of the certificate served on <c>https://</c> listen URLs, then its intermediates.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary><c>tls_private_key</c>: the PEM file of that certificate's unencrypted private key.</summary>
    public string? TlsPrivateKey { get; init; }

    /// <summary><c>shutdown_timeout_ms</c>: how long responses in flight may run after SIGTERM before they are aborted.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;
}
