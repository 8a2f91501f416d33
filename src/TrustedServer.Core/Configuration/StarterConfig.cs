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

        [server]
        # Listener limits; each one left out keeps the web server's default.
        # Most bytes of request headers (431 beyond) and of the request line (414 beyond).
        # max_request_header_bytes = 32768
        # max_url_bytes = 8192
        # Most open client connections, and how long an idle one stays open.
        # max_concurrent_connections = 10000
        # keep_alive_timeout_ms = 130000
        # Listeners for operators only (same syntax as serve --urls; keep them private): /_ts/metrics and
        # /_ts/admin/* are served there and nowhere else, and the site is not.
        # admin_urls = ["http://127.0.0.1:9090"]
        # Bearer token that opens /_ts/metrics on the public port (16+ random bytes: openssl rand -hex 32);
        # without it the public port answers 404 for metrics.
        # metrics_token = "..."
        # TLS for https:// --urls (HTTP/1.1 and HTTP/2; HTTP/3 with libmsquic): the certificate then its intermediates,
        # and its unencrypted key, both PEM. Renewed files are picked up without a restart.
        # tls_certificate = "/etc/trusted-server/tls/fullchain.pem"
        # tls_private_key = "/etc/trusted-server/tls/privkey.pem"
        # After SIGTERM, how long responses in flight may finish before they are aborted.
        # shutdown_timeout_ms = 10000

        [publisher]
        # The public domain visitors use; DNS points it at Trusted Server.
        domain = "www.example.com"
        # The real site: scheme, host and optional port, no path.
        origin_url = "https://origin.example.com"
        # Other hosts visitors use for this site (host or host:port). Links are rewritten only to the domain and these;
        # a request for any other host gets 421 Misdirected Request.
        # aliases = ["example.com"]
        # Or serve requests for any other host as if they named the domain: "reject" (default) or "canonical".
        # unknown_host = "reject"
        # Host header sent to the origin when it differs from origin_url's host (host[:port]).
        # origin_host_header = "www.example.com"
        # Domain given to the origin's own cookies (a Set-Cookie Domain naming the origin becomes this).
        # The Edge Cookie's domain is set by cookie_domain in the ec section below.
        cookie_domain = ".example.com"
        # Secret that signs first-party URLs: 32+ random bytes (openssl rand -hex 32); placeholders are refused.
        # proxy_secret = "..."
        # Most bytes a Buffered response (error pages, bodiless, post-processed HTML) may hold in memory.
        max_buffered_body_bytes = 16777216
        # Most decoded bytes one compressed body may expand to.
        max_decoded_body_bytes = 268435456
        # Most simultaneous connections to the origin; more requests wait for a free one.
        max_origin_connections = 256
        connect_timeout_ms = 5000
        first_byte_timeout_ms = 15000
        between_bytes_timeout_ms = 15000

        [proxy]
        # Addresses or CIDR ranges (load balancers, CDNs) whose X-Forwarded-* headers are trusted.
        trusted_proxies = []
        # Hosts the first-party proxy may fetch (exact, or "*.example.com" for subdomains); empty allows any public host.
        allowed_domains = []
        # Let the first-party proxy reach loopback and private addresses (tests and demos only).
        allow_private_targets = false
        # Ports the first-party proxy may fetch; empty means 80 and 443.
        allowed_ports = []
        # Path prefixes served from another origin, without signing (GET and HEAD; the longest prefix wins):
        # [[proxy.asset_routes]]
        # prefix = "/assets/"
        # origin_url = "https://assets.example.com"
        # origin_query = "preserve"

        [response_headers]
        # Headers added to every response, overwriting the origin's.
        # Strict-Transport-Security = "max-age=31536000"

        [ec]
        # The Edge Cookie (ts-ec); needs a passphrase when enabled.
        enabled = false
        # HMAC key of the ID; required when enabled. 32+ random bytes (openssl rand -hex 32).
        # passphrase = "..."
        # "memory", a file path (/var/lib/ts/ids.jsonl), or redis://host:port to share IDs between instances.
        store = "memory"
        # Lifetime of the ts-ec cookie.
        cookie_max_age_seconds = 31536000
        # Domain of the ts-ec cookie; without it "." + [publisher] domain (here .www.example.com). Must cover that domain.
        # cookie_domain = ".example.com"
        # Attributes of the ts-ec cookie.
        cookie_path = "/"
        cookie_secure = true
        cookie_http_only = true
        # "Lax", "Strict" or "None".
        cookie_same_site = "Lax"
        # Longest wait for the identity store before a page is served without a cookie.
        store_timeout_ms = 500
        # Request header carrying the visitor's JA4 TLS fingerprint, when a CDN in front supplies one.
        # ja4_header = "X-JA4"
        # Basic-auth credentials of GET /_ts/admin/ec/{id}; both or neither; the password 16+ bytes.
        # admin_username = "ops"
        # admin_password = "..."

        # Partners that sync IDs (one [[ec.partners]] table each); api_token (16+ bytes) is stored hashed.
        # [[ec.partners]]
        # name = "Example ID"
        # source_domain = "id.example.com"
        # api_token = "a-long-random-bearer-token"
        # batch_rate_limit = 60
        # bidstream_enabled = false
        # openrtb_atype = 3

        [consent]
        # "interpreter" decodes the consent signals and gates the identity on them; "proxy" only forwards the raw
        # strings (then GDPR and US-state visitors get no Edge Cookie, as nothing is decoded).
        mode = "interpreter"
        # Treat consent strings older than max_consent_age_days as absent.
        check_expiration = true
        max_consent_age_days = 395

        [consent.gdpr]
        # ISO country codes where GDPR applies; the default is the EU/EEA and the UK (not Switzerland).
        # applies_in = ["DE", "FR"]

        [consent.us_states]
        # US state codes with a privacy law that gates the identity; the default is the original's list.
        # privacy_states = ["CA", "VA"]

        [consent.us_privacy_defaults]
        # The US Privacy string synthesised when only Sec-GPC is present.
        notice_given = true
        lspa_covered = false
        gpc_implies_optout = true

        [consent.conflict_resolution]
        # When a TC string and the GPP EU section disagree: "restrictive", "permissive" or "newest".
        mode = "restrictive"
        # How much newer (days) one signal must be for "newest" to prefer it.
        freshness_threshold_days = 30

        [rewrite]
        # More origin hosts to map to first-party URLs: "host" (onto the request host) or
        # "host=/prefix" (onto a first-party path), e.g. hosts = ["static.example.com=/static-origin"].
        hosts = []
        # Hosts never rewritten (exact, or "*.example.com").
        exclude_domains = []

        [geo]
        # Request headers set by a CDN in front, carrying the visitor's ISO country and region codes.
        # country_header = "CF-IPCountry"
        # region_header = "CF-Region"
        # Or a MaxMind GeoLite2/GeoIP2 City or Country database, looked up by the client address when the request
        # carries no country header (the header wins). Checked at startup; a missing or invalid file is an error.
        # database = "/var/lib/GeoIP/GeoLite2-City.mmdb"

        [logging]
        # trace, debug, information, warning, error, critical or none. At information, one line per request.
        level = "information"
        # "plain" (readable lines) or "json" (one JSON object per line, for log shippers).
        format = "plain"

        [telemetry]
        # Metrics are scraped at GET /_ts/metrics (Prometheus text format) on [server] admin_urls, or with metrics_token.
        # An OTLP collector for traces and metrics; OTEL_EXPORTER_OTLP_ENDPOINT works too.
        # otlp_endpoint = "http://otel-collector:4317"

        [request_signing]
        # Ed25519 signatures on bid requests, keys published at /.well-known/trusted-server.json.
        # Make the first key with: trusted-server keys generate --config FILE
        enabled = false
        # file:relative/path, file:///absolute/path, or redis://host:port to share keys between instances.
        key_store = "file:trusted-server-keys.json"
        # Prefix of the Redis keys.
        key_prefix = "ts:signing:"
        # How often each instance rereads the key store.
        refresh_seconds = 30
        # Encrypts the private keys at rest; required when enabled. Set a long random value.
        # passphrase = "..."
        # Serve POST /_ts/admin/keys/rotate and /deactivate; needs a [[handlers]] entry covering them.
        admin_endpoints = true

        # Basic auth on every path a regex matches, first match wins (one [[handlers]] table each).
        # [[handlers]]
        # path = "^/_ts/admin"
        # username = "ops"
        # password = "a-long-random-password"

        [auction]
        # Server-side header bidding at POST /auction. Off until a provider below is configured and enabled.
        enabled = false
        # Providers called in parallel: "prebid", "aps", "adserver_mock" (ties keep the earlier one).
        providers = []
        # A provider that picks the winners from the others' bids (not also in providers).
        # mediator = "adserver_mock"
        # The whole auction's budget; each provider gets min(its timeout_ms, what is left).
        timeout_ms = 2000
        # Keys of the request's "config" object that are kept.
        allowed_context_keys = []
        # Strip executable markup from winning creatives (blanks script creatives).
        sanitize_creatives = false
        # Route winning creatives' asset and click URLs through signed first-party URLs.
        rewrite_creatives = true
        # The largest answer a provider may send; a larger one is a provider error.
        max_response_bytes = 1048576

        [integrations.prebid]
        enabled = false
        # server_url = "https://prebid-server.example.com/openrtb2/auction"
        timeout_ms = 1000
        bidders = ["mocktioneer"]
        # Bidders run in the browser, never sent to Prebid Server.
        client_side_bidders = []
        # ext.prebid.debug and returnallbidstatus; test_mode sets OpenRTB test = 1.
        debug = false
        test_mode = false
        # debug_query_params = "pbjs_debug=true"
        # Param overrides, shallow-merged into a bidder's params: per bidder, per bidder and zone, then ordered rules.
        # bid_param_overrides = { criteo = { networkId = 99999 } }
        # bid_param_zone_overrides = { kargo = { header = { placementId = "_s2sHeader" } } }
        # bid_param_override_rules = (written as [[integrations.prebid.bid_param_override_rules]] tables)
        # Drop nurl/burl from every bid, or from these seats' bids.
        suppress_nurl = false
        suppress_nurl_bidders = []
        # Send the request body gzip-compressed.
        compress_requests = false
        # Where consent travels to Prebid Server: both (forwarded cookies and the body), openrtb_only or cookies_only.
        consent_forwarding = "both"
        # The browser side: set external_bundle_url to replace the publisher's Prebid.js with a first-party bundle.
        # account_id = "publisher-account"
        script_patterns = ["/prebid.js", "/prebid.min.js", "/prebidjs.js", "/prebidjs.min.js"]
        # external_bundle_url = "https://assets.example.com/prebid/trusted-prebid.js"
        # external_bundle_sha256 = "<64 hex digits>"
        # external_bundle_sri = "sha384-..."
        excluded_gam_ad_unit_path_suffixes = []

        [integrations.aps]
        enabled = false
        # account_id = "your-aps-account"
        # The older name of account_id, still read (a string or an integer); set one of the two, not both.
        # pub_id = 1234
        # endpoint = "https://web.ads.aps.amazon-adsystem.com/e/pb/bid"
        timeout_ms = 800
        # Set both when the public hostname differs from the inventory APS authorised.
        # inventory_domain = "publisher.example"
        # inventory_page_origin = "https://www.publisher.example"
        allow_script_creatives = false
        # The one script /integrations/aps/renderer loads into APS creative frames (https; http only on loopback).
        # runner_url = "https://client.aps.amazon-adsystem.com/prebid-creative.js"
        # Show APS's HTTP exchange in the /auction answer (unredacted and client-visible: test sites only).
        debug = false

        [integrations.adserver_mock]
        enabled = false
        # endpoint = "https://mediator.example.com/adserver/mediate"
        timeout_ms = 500
        # price_floor = 0.50
        # Request config keys appended to the endpoint's query.
        context_query_params = []

        [integrations.gpt]
        # Google Publisher Tag served first-party at /integrations/gpt/.
        enabled = false
        script_url = "https://securepubads.g.doubleclick.net/tag/js/gpt.js"
        cache_ttl_seconds = 3600
        rewrite_script = true
        gam_attribution_enabled = false

        [integrations.google_tag_manager]
        # GTM/gtag and Analytics beacons served first-party at /integrations/google_tag_manager/.
        enabled = false
        # container_id = "GTM-XXXXXX"
        upstream_url = "https://www.googletagmanager.com"
        analytics_url = "https://www.google-analytics.com"
        cache_max_age = 900
        max_beacon_body_size = 65536

        [integrations.didomi]
        # The Didomi CMP's SDK and API served first-party under proxy_path (the API under proxy_path/api).
        enabled = false
        proxy_path = "/integrations/didomi/consent"
        sdk_origin = "https://sdk.privacy-center.org"
        api_origin = "https://api.privacy-center.org"

        [integrations.sourcepoint]
        # Sourcepoint's CDN served first-party at /integrations/sourcepoint/cdn/.
        enabled = false
        rewrite_sdk = true
        cdn_origin = "https://cdn.privacy-mgmt.com"
        # A custom Sourcepoint authCookie name forwarded with Sourcepoint's own cookies.
        # auth_cookie_name = "sp_auth"
        cache_ttl_seconds = 3600

        [integrations.osano]
        # Mirrors Osano's consent (USP, GPP, TCF) into the consent cookies read on the next request.
        enabled = false

        [integrations.gpt_diagnostics]
        # The local GPT lifecycle console, per browser session with ?ts_console=1 (=0 turns it off).
        enabled = false
        [integrations.nextjs]
        # Origin URLs inside Next.js payloads: Flight (text/x-component and inline self.__next_f scripts) and __NEXT_DATA__.
        enabled = false
        # __NEXT_DATA__ keys whose string values are URLs to map.
        rewrite_attributes = ["href", "link", "url"]
        # The most bytes of one Flight row held while it spans inline scripts; a longer row passes through unmapped.
        max_combined_payload_bytes = 1048576
        [integrations.permutive]
        # The Permutive SDK served first-party at /integrations/permutive/sdk (one upstream fetch per cache_ttl_seconds),
        # and its API, secure-signal, events, sync and CDN proxies.
        enabled = false
        # organization_id = "myorg"
        # workspace_id = "workspace-id"
        # project_id = "project-id"
        # sdk_origin = "https://myorg.edge.permutive.app"
        api_endpoint = "https://api.permutive.com"
        secure_signals_endpoint = "https://secure-signals.permutive.app"
        events_endpoint = "https://events.permutive.app"
        sync_endpoint = "https://sync.permutive.com"
        cdn_endpoint = "https://cdn.permutive.com"
        cache_ttl_seconds = 3600
        rewrite_sdk = true
        max_beacon_body_size = 65536
        [integrations.lockr]
        # The Lockr identity SDK at /integrations/lockr/sdk and its API at /integrations/lockr/api/*.
        enabled = false
        # app_id = "lockr-app-id"
        api_endpoint = "https://identity.loc.kr"
        sdk_url = "https://aim.loc.kr/identity-lockr-trust-server.js"
        cache_ttl_seconds = 3600
        rewrite_sdk = true
        # origin_override = "https://www.example.com"
        [integrations.datadome]
        # DataDome's tags.js and /js/* signal API first-party, and (enable_protection) the Protection API before routing.
        enabled = false
        sdk_origin = "https://js.datadome.co"
        api_origin = "https://api-js.datadome.co"
        cache_ttl_seconds = 3600
        rewrite_sdk = true
        enable_protection = false
        # The server-side key; better in TRUSTED_SERVER__INTEGRATIONS__DATADOME__SERVER_SIDE_KEY than in this file.
        # server_side_key = "..."
        protection_api_origin = "https://api-fastly.datadome.co"
        timeout_ms = 1500
        protection_excluded_methods = ["OPTIONS"]
        protection_excluded_ip_cidrs = []
        # Staging only: requests with this value in x-ts-datadome-bypass skip the Protection API.
        # protection_test_bypass_secret = "..."
        client_side_key = ""
        inject_client_side_tag = true
        client_side_tag_url = "/integrations/datadome/tags.js"
        client_side_configuration = { ajaxListenerPath = true }
        [creative_opportunities]
        # The page's ad slots, auctioned while the page is fetched; GET /_ts/page-bids does the same for a single-page
        # app's navigations. No slot, no auction. Needs [auction] enabled with providers.
        # The Google Ad Manager network, for {network_id} and slots without gam_unit_path.
        # gam_network_id = "123456789"
        # hb_pb buckets: low, medium, high, dense or auto.
        price_granularity = "dense"
        # {section} when the path has no segment at section_segment (required when a template uses {section}).
        # section_root = "home"
        # Which path segment (0-based) names the section: 1 for /en/news/article.
        section_segment = 0
        # The page auction's budget (the </body> wait included); without it [auction] timeout_ms applies.
        # auction_timeout_ms = 500
        #
        # [[creative_opportunities.slot]]
        # id = "top"
        # gam_unit_path = "/{network_id}/example/{section}"
        # div_id = "ad-top"
        # "/news/*" matches "/news/a" but not "/news": list both.
        # page_patterns = ["/", "/news", "/news/*"]
        # formats = [{ width = 728, height = 90 }]
        # floor_price = 0.50
        # targeting = { pos = "top" }
        # providers = ["prebid"]

        [debug]
        # A <!-- ts-debug: ... --> dump of the page auction before its bids script. Local investigation only: never in
        # production (even redacted, it shows bids to anyone who views the source).
        auction_html_comment = false

        [debug.auction_html_comment_options]
        # redacted (outcomes only), upstream (plus provider errors and metadata) or full (everything, creatives too).
        verbosity = "redacted"
        # compact or pretty.
        format = "compact"
        include_provider_responses = true
        include_mediator_response = true
        include_bids = true

        """;
}
