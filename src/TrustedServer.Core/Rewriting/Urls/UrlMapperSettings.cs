namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// The immutable, per-configuration part of URL mapping: the origin (<c>[publisher] origin_url</c>) and the extra
/// hosts (<c>[rewrite] hosts</c>), compiled once. Per request, <see cref="UrlMapper"/> adds the request scheme and host.
/// </summary>
public sealed class UrlMapperSettings
{
    private UrlMapperSettings(string originHost, int? originPort, IReadOnlyList<HostMapping> extraHosts, HostPattern[] patterns)
    {
        OriginHost = originHost;
        OriginPort = originPort;
        ExtraHosts = extraHosts;
        Patterns = patterns;
        var longest = patterns.Max(p => p.MaxAuthorityLength);

        // Lookback, the escaped separator, the authority and the byte that ends it.
        MaxPendingBytes = UrlSyntax.SchemeLookback + @"\/\/".Length + longest + 1;
    }

    // The forms of the last request host: almost every request of a site comes in on one host, so this one entry saves
    // building them per response, while a stream of hostile Host headers cannot grow it.
    private FirstPartyForms? _lastForms;

    /// <summary>The origin host, lower case.</summary>
    public string OriginHost { get; }

    /// <summary>The origin's explicit non-default port, or null (then the host alone, <c>:80</c> and <c>:443</c> match).</summary>
    public int? OriginPort { get; }

    /// <summary>The extra host mappings, in match order.</summary>
    public IReadOnlyList<HostMapping> ExtraHosts { get; }

    internal HostPattern[] Patterns { get; }

    /// <summary>The first-party forms for a request scheme and host, validated.</summary>
    /// <exception cref="ArgumentException">The scheme is not http(s) or the host is empty or not ASCII.</exception>
    internal FirstPartyForms FormsFor(string requestScheme, string requestHost)
    {
        var last = Volatile.Read(ref _lastForms);
        if (last is not null && last.IsFor(requestScheme, requestHost))
        {
            return last;
        }

        var forms = FirstPartyForms.Create(requestScheme, requestHost, Patterns);
        Volatile.Write(ref _lastForms, forms);
        return forms;
    }

    /// <summary>Most bytes a streaming rewrite holds back between chunks.</summary>
    internal int MaxPendingBytes { get; }

    /// <summary>
    /// False when no attribute value in <paramref name="rawTag"/> can be mapped: every mapped form but the bare one
    /// has a separator (<c>//</c>, or <c>\/</c> escaped), and the bare one is a host of ours, which appears literally.
    /// Tags with only relative paths or a self-closing slash are thereby left alone.
    /// </summary>
    public bool CouldMapInTag(ReadOnlySpan<byte> rawTag)
    {
        if (rawTag.IndexOfAny(UrlSyntax.Triggers) >= 0 && (rawTag.IndexOf("//"u8) >= 0 || rawTag.IndexOf("\\/"u8) >= 0))
        {
            return true;
        }

        foreach (var pattern in Patterns)
        {
            if (ContainsIgnoreCase(rawTag, pattern.Host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="lowerHost"/> in any ASCII case.</summary>
    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerHost)
    {
        var first = lowerHost[0];
        var upper = first is >= (byte)'a' and <= (byte)'z' ? (byte)(first - 32) : first;
        for (var i = 0; i + lowerHost.Length <= text.Length;)
        {
            var relative = text[i..^(lowerHost.Length - 1)].IndexOfAny(first, upper);
            if (relative < 0)
            {
                return false;
            }

            i += relative;
            if (System.Text.Ascii.EqualsIgnoreCase(text.Slice(i, lowerHost.Length), lowerHost))
            {
                return true;
            }

            i++;
        }

        return false;
    }

    /// <summary>Compiles the settings from <c>origin_url</c> and the extra hosts.</summary>
    /// <exception cref="ArgumentException">The origin is not an absolute http(s) URL, or a host mapping is malformed.</exception>
    public static UrlMapperSettings Create(string originUrl, IEnumerable<HostMapping>? extraHosts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(originUrl);
        if (!Uri.TryCreate(originUrl, UriKind.Absolute, out var origin)
            || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(origin.Host))
        {
            throw new ArgumentException("origin_url must be an absolute http or https URL", nameof(originUrl));
        }

        var extras = (extraHosts ?? []).ToArray();
        var patterns = new List<HostPattern>(1 + extras.Length);
        int? originPort = origin.IsDefaultPort ? null : origin.Port;
        patterns.Add(new HostPattern(origin.IdnHost, originPort, string.Empty));
        foreach (var mapping in extras)
        {
            ArgumentNullException.ThrowIfNull(mapping);
            var (host, port) = ParseHost(mapping.FromHost);
            var prefix = mapping.ToPathPrefix?.TrimEnd('/') ?? string.Empty;
            if (prefix.Length > 0 && (prefix[0] != '/' || !IsAscii(prefix)))
            {
                throw new ArgumentException($"host mapping prefix '{mapping.ToPathPrefix}' must be an ASCII path starting with '/'", nameof(extraHosts));
            }

            patterns.Add(new HostPattern(host, port, prefix));
        }

        return new UrlMapperSettings(origin.IdnHost.ToLowerInvariant(), originPort, extras, [.. patterns]);
    }

    private static (string Host, int? Port) ParseHost(string fromHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromHost);
        if (!Uri.TryCreate("http://" + fromHost.Trim(), UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/" || !string.IsNullOrEmpty(uri.UserInfo) || !IsAscii(uri.IdnHost))
        {
            throw new ArgumentException($"host mapping '{fromHost}' is not a host[:port]", nameof(fromHost));
        }

        int? port = fromHost.Contains(':', StringComparison.Ordinal) && uri.Port is not (80 or 443) ? uri.Port : null;
        return (uri.IdnHost, port);
    }

    private static bool IsAscii(string value) => System.Text.Ascii.IsValid(value);
}
