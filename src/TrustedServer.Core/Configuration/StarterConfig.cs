namespace TrustedServer.Core.Configuration;

/// <summary>The commented starter <c>trusted-server.toml</c> written by <c>config init</c>.</summary>
public static class StarterConfig
{
    /// <summary>The file's text; it validates as is.</summary>
    public const string Text = """
        # trusted-server.toml: configuration of Trusted Server.
        # Every key can be overridden by an environment variable TRUSTED_SERVER__SECTION__KEY,
        # e.g. TRUSTED_SERVER__PUBLISHER__ORIGIN_URL=https://origin.example.com
        # Unknown keys and invalid values stop the server at startup (check with: trusted-server config validate FILE).

        [publisher]
        # The public domain visitors use; DNS points it at Trusted Server.
        domain = "www.example.com"
        # The real site: scheme, host and optional port, no path.
        origin_url = "https://origin.example.com"
        # Host header sent to the origin when it differs from origin_url's host (host[:port]).
        # origin_host_header = "www.example.com"
        # Domain of first-party cookies.
        cookie_domain = ".example.com"
        # Secret that signs first-party URLs; set a long random value.
        # proxy_secret = "..."
        # Most bytes a Buffered response (error pages, bodiless, post-processed HTML) may hold in memory.
        max_buffered_body_bytes = 16777216
        # Most decoded bytes one compressed body may expand to.
        max_decoded_body_bytes = 268435456
        connect_timeout_ms = 5000
        first_byte_timeout_ms = 15000
        between_bytes_timeout_ms = 15000

        [proxy]
        # Addresses or CIDR ranges (load balancers, CDNs) whose X-Forwarded-* headers are trusted.
        trusted_proxies = []

        [response_headers]
        # Headers added to every response, overwriting the origin's.
        # Strict-Transport-Security = "max-age=31536000"

        [ec]
        # The Edge Cookie (ts-ec); needs a passphrase when enabled.
        enabled = false
        store = "memory"

        [consent]
        mode = "enforce"

        [rewrite]
        # More origin hosts to map to first-party URLs: "host" (onto the request host) or
        # "host=/prefix" (onto a first-party path), e.g. hosts = ["static.example.com=/static-origin"].
        hosts = []

        [geo]
        # country_header = "CF-IPCountry"

        [logging]
        level = "information"

        """;
}
