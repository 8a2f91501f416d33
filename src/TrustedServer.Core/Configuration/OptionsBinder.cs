using System.Net;
using TrustedServer.Core.Geo;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds and validates each section; every problem goes to the reader's error list.</summary>
internal static class OptionsBinder
{
    public static PublisherOptions? Publisher(ConfigSectionReader r)
    {
        var domain = r.String("domain", required: true);
        if (domain is not null && !PublisherHostsBinder.IsHost(domain))
        {
            r.Error("domain", "must be a host name such as www.example.com");
        }

        var aliases = PublisherHostsBinder.Aliases(r);
        var unknownHost = PublisherHostsBinder.UnknownHost(r);

        var originText = r.String("origin_url", required: true);
        Uri? origin = null;
        if (originText is not null)
        {
            origin = ValidateOrigin(r, originText);
        }

        var hostHeader = r.String("origin_host_header");
        if (hostHeader is not null && (hostHeader.Length == 0 || hostHeader.IndexOfAny(['/', ' ', '?', '#', '@']) >= 0))
        {
            r.Error("origin_host_header", "must be host[:port] only");
        }

        var cookieDomain = r.String("cookie_domain");
        var secret = r.String("proxy_secret");
        Secret(r, "proxy_secret", secret, SecretRules.SecretMinimumBytes);

        var maxBuffered = Positive(r, "max_buffered_body_bytes") ?? PublisherOptions.DefaultMaxBufferedBodyBytes;
        var maxDecoded = Positive(r, "max_decoded_body_bytes") ?? PublisherOptions.DefaultMaxDecodedBodyBytes;
        var maxConnections = Positive(r, "max_origin_connections");
        if (maxConnections is > int.MaxValue)
        {
            r.Error("max_origin_connections", $"must be at most {int.MaxValue}");
            maxConnections = null;
        }

        var connect = Positive(r, "connect_timeout_ms");
        var firstByte = Positive(r, "first_byte_timeout_ms");
        var betweenBytes = Positive(r, "between_bytes_timeout_ms");
        r.ReportUnknownKeys();

        if (domain is null || origin is null)
        {
            return null;
        }

        var defaults = new PublisherOptions { Domain = domain, OriginUrl = origin };
        return defaults with
        {
            Aliases = aliases,
            UnknownHost = unknownHost,
            OriginHostHeader = hostHeader,
            CookieDomain = cookieDomain,
            ProxySecret = secret,
            MaxBufferedBodyBytes = maxBuffered,
            MaxDecodedBodyBytes = maxDecoded,
            MaxOriginConnections = maxConnections is { } m ? (int)m : PublisherOptions.DefaultMaxOriginConnections,
            ConnectTimeout = connect is { } c ? TimeSpan.FromMilliseconds(c) : defaults.ConnectTimeout,
            FirstByteTimeout = firstByte is { } f ? TimeSpan.FromMilliseconds(f) : defaults.FirstByteTimeout,
            BetweenBytesTimeout = betweenBytes is { } b ? TimeSpan.FromMilliseconds(b) : defaults.BetweenBytesTimeout,
        };
    }

    public static ProxyOptions Proxy(ConfigSectionReader r)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in r.StringList("trusted_proxies") ?? [])
        {
            if (ConfigLoader.TryParseNetwork(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                r.Error("trusted_proxies", $"\"{entry}\" is not an IP address or CIDR range");
            }
        }

        var allowed = r.StringList("allowed_domains") ?? [];
        var allowPrivate = r.Boolean("allow_private_targets") ?? false;
        var ports = AllowedPorts(r);
        r.ReportUnknownKeys();
        return new ProxyOptions { TrustedProxies = networks, AllowedDomains = allowed, AllowPrivateTargets = allowPrivate, AllowedPorts = ports };
    }

    private static List<int> AllowedPorts(ConfigSectionReader r)
    {
        var ports = new List<int>();
        var value = r.Find("allowed_ports");
        if (value?.Value is null)
        {
            return ports;
        }

        if (value.Value is not IReadOnlyList<ConfigValue> items)
        {
            r.Error("allowed_ports", value, $"expected an array of port numbers, found {value.TypeName}");
            return ports;
        }

        foreach (var item in items)
        {
            if (item.Value is long port and >= 1 and <= 65535)
            {
                ports.Add((int)port);
            }
            else
            {
                r.Error("allowed_ports", value, "expected port numbers between 1 and 65535");
                return [];
            }
        }

        return ports;
    }

    public static Dictionary<string, string> ResponseHeaders(ConfigSectionReader r)
    {
        var map = r.StringMap();
        foreach (var (name, value) in map)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                r.Error(name, "is not a valid header name");
            }
            else if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                r.Error(name, "header value must not contain CR, LF or NUL");
            }
        }

        return map;
    }

    public static RewriteOptions Rewrite(ConfigSectionReader r)
    {
        var hosts = r.StringList("hosts") ?? [];
        var exclude = r.StringList("exclude_domains") ?? [];
        var mappings = new List<Rewriting.Urls.HostMapping>(hosts.Count);
        foreach (var entry in hosts)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var mapping = equals < 0 ? new Rewriting.Urls.HostMapping(entry.Trim(), string.Empty) : new Rewriting.Urls.HostMapping(entry[..equals].Trim(), entry[(equals + 1)..].Trim());
            try
            {
                // Compiled against a throwaway origin only to validate the entry; the real settings are built once at startup.
                _ = Rewriting.Urls.UrlMapperSettings.Create("http://origin.invalid", [mapping]);
                mappings.Add(mapping);
            }
            catch (ArgumentException)
            {
                r.Error("hosts", $"\"{entry}\" must be \"host[:port]\" or \"host[:port]=/path-prefix\"");
            }
        }

        r.ReportUnknownKeys();
        return new RewriteOptions { Hosts = hosts, ExcludeDomains = exclude, HostMappings = mappings };
    }

    public static GeoOptions Geo(ConfigSectionReader r)
    {
        var options = new GeoOptions
        {
            CountryHeader = r.String("country_header"),
            RegionHeader = r.String("region_header"),
            Database = r.String("database"),
        };
        if (options.Database is { } path)
        {
            // Opened here so a missing or broken file fails `config validate` and startup, not the first request.
            if (path.Trim().Length == 0)
            {
                r.Error("database", "must be the path of a MaxMind .mmdb file");
            }
            else if (GeoDatabase.TryOpen(path, out var database, out var problem))
            {
                database.Dispose();
            }
            else
            {
                r.Error("database", problem);
            }
        }

        r.ReportUnknownKeys();
        return options;
    }

    public static LoggingOptions Logging(ConfigSectionReader r)
    {
        var level = r.String("level") ?? "information";
        if (!LoggingOptions.Levels.Contains(level))
        {
            r.Error("level", "must be one of " + string.Join(", ", LoggingOptions.Levels));
        }

        var format = r.String("format") ?? "plain";
        if (!LoggingOptions.Formats.Contains(format))
        {
            r.Error("format", "must be one of " + string.Join(", ", LoggingOptions.Formats));
        }

        r.ReportUnknownKeys();
        return new LoggingOptions { Level = level, Format = format };
    }

    public static TelemetryOptions Telemetry(ConfigSectionReader r)
    {
        var text = r.String("otlp_endpoint");
        Uri? endpoint = null;
        if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            r.Error("otlp_endpoint", "must be an absolute http:// or https:// URL");
            endpoint = null;
        }

        r.ReportUnknownKeys();
        return new TelemetryOptions { OtlpEndpoint = endpoint };
    }

    private static Uri? ValidateOrigin(ConfigSectionReader r, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            r.Error("origin_url", "must be an absolute http:// or https:// URL");
            return null;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            r.Error("origin_url", $"must be scheme, host and optional port only, without a path, query or credentials (found \"{text}\")");
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>Reports a secret that <see cref="SecretRules"/> refuses; an absent key is the caller's concern.</summary>
    internal static void Secret(ConfigSectionReader r, string key, string? value, int minimumBytes)
    {
        if (value is not null && SecretRules.Check(value, minimumBytes) is { } problem)
        {
            r.Error(key, problem);
        }
    }

    internal static long? Positive(ConfigSectionReader r, string key)
    {
        var value = r.Integer(key);
        if (value is < 1)
        {
            r.Error(key, $"must be at least 1 (found {value})");
            return null;
        }

        return value;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
