namespace TrustedServer.Core.Configuration;

/// <summary><c>[publisher]</c>: the publisher's site, its origin and the proxy's limits towards it.</summary>
public sealed record PublisherOptions
{
    /// <summary>Default of <see cref="MaxBufferedBodyBytes"/>: 16 MiB.</summary>
    public const long DefaultMaxBufferedBodyBytes = 16L * 1024 * 1024;

    /// <summary>Default of <see cref="MaxOriginConnections"/>.</summary>
    public const int DefaultMaxOriginConnections = 256;

    /// <summary>Default of <see cref="MaxDecodedBodyBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxDecodedBodyBytes = 256L * 1024 * 1024;

    /// <summary><c>domain</c>: the publisher's public domain, e.g. <c>www.example.com</c>.</summary>
    public required string Domain { get; init; }

    /// <summary><c>aliases</c>: other hosts (<c>host</c> or <c>host:port</c>) visitors reach the site by.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><c>unknown_host</c>: what a request for a host that is neither <see cref="Domain"/> nor an alias gets.</summary>
    public UnknownHostMode UnknownHost { get; init; }

    /// <summary><c>origin_url</c>: scheme, host and optional port of the real site; no path.</summary>
    public required Uri OriginUrl { get; init; }

    /// <summary><c>origin_host_header</c>: the <c>Host</c> sent to the origin instead of the origin URL's host.</summary>
    public string? OriginHostHeader { get; init; }

    /// <summary><c>cookie_domain</c>: the domain first-party cookies are set on.</summary>
    public string? CookieDomain { get; init; }

    /// <summary><c>proxy_secret</c>: the key that signs first-party URLs. Never logged.</summary>
    public string? ProxySecret { get; init; }

    /// <summary><c>max_buffered_body_bytes</c>: the most a Buffered response may hold in memory.</summary>
    public long MaxBufferedBodyBytes { get; init; } = DefaultMaxBufferedBodyBytes;

    /// <summary><c>max_decoded_body_bytes</c>: the most decoded bytes one body may produce.</summary>
    public long MaxDecodedBodyBytes { get; init; } = DefaultMaxDecodedBodyBytes;

    /// <summary><c>connect_timeout_ms</c>: time allowed to open a connection to the origin.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>max_origin_connections</c>: most simultaneous connections to the origin; more requests wait for one.</summary>
    public int MaxOriginConnections { get; init; } = DefaultMaxOriginConnections;

    /// <summary><c>first_byte_timeout_ms</c>: time allowed for the origin's response headers.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>between_bytes_timeout_ms</c>: idle time allowed between two reads of the origin's body.</summary>
    public TimeSpan BetweenBytesTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The host (and port when not default) of <see cref="OriginUrl"/>.</summary>
    public string OriginAuthority => OriginUrl.IsDefaultPort ? OriginUrl.Host : OriginUrl.Authority;

    /// <summary>The <c>Host</c> header sent to the origin.</summary>
    public string EffectiveOriginHost => string.IsNullOrEmpty(OriginHostHeader) ? OriginAuthority : OriginHostHeader;
}
