using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.gpt]</c> and <c>[integrations.google_tag_manager]</c>.</summary>
internal static partial class IntegrationsOptionsBinder
{
    public static IntegrationsOptions Integrations(ConfigSectionReader gpt, ConfigSectionReader gtm) =>
        new() { Gpt = Gpt(gpt), GoogleTagManager = GoogleTagManager(gtm) };

    private static GptOptions Gpt(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var script = UpstreamUrl(r, "script_url", allowPath: true) ?? GptOptions.DefaultScriptUrl;
        var ttl = Range(r, "cache_ttl_seconds", 60, 86400) ?? 3600;
        var rewrite = r.Boolean("rewrite_script") ?? true;
        var attribution = r.Boolean("gam_attribution_enabled") ?? false;
        r.ReportUnknownKeys();
        return new GptOptions { Enabled = enabled, ScriptUrl = script, CacheTtlSeconds = ttl, RewriteScript = rewrite, GamAttributionEnabled = attribution };
    }

    private static GoogleTagManagerOptions GoogleTagManager(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var container = r.String("container_id")?.Trim();
        if (container is not null && !ContainerId().IsMatch(container))
        {
            r.Error("container_id", "must look like GTM-XXXXXX (or a GA4 tag id G-XXXXXXXX)");
            container = null;
        }
        else if (container is null && enabled)
        {
            r.Error("container_id", "is required when [integrations.google_tag_manager] is enabled");
        }

        var upstream = UpstreamUrl(r, "upstream_url", allowPath: false) ?? GoogleTagManagerOptions.DefaultUpstream;
        var analytics = UpstreamUrl(r, "analytics_url", allowPath: false) ?? GoogleTagManagerOptions.DefaultAnalytics;
        var maxAge = Range(r, "cache_max_age", 60, 86400) ?? 900;
        var beacon = Range(r, "max_beacon_body_size", 1024, 1048576) ?? 65536;
        r.ReportUnknownKeys();
        return new GoogleTagManagerOptions
        {
            Enabled = enabled,
            ContainerId = container ?? string.Empty,
            UpstreamUrl = upstream,
            AnalyticsUrl = analytics,
            CacheMaxAge = maxAge,
            MaxBeaconBodySize = beacon,
        };
    }

    /// <summary>An absolute http(s) URL; without <paramref name="allowPath"/>, an origin only (kept with a trailing slash).</summary>
    internal static Uri? UpstreamUrl(ConfigSectionReader r, string key, bool allowPath)
    {
        var text = r.String(key);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Host.Length == 0 || url.UserInfo.Length > 0 || url.Fragment.Length > 0 || (!allowPath && (url.AbsolutePath != "/" || url.Query.Length > 0)))
        {
            r.Error(key, allowPath ? "must be an absolute http:// or https:// URL without credentials" : "must be an http:// or https:// origin (no path, query or credentials)");
            return null;
        }

        return url;
    }

    internal static int? Range(ConfigSectionReader r, string key, int min, int max)
    {
        var value = r.Integer(key);
        if (value is { } v && (v < min || v > max))
        {
            r.Error(key, $"must be between {min} and {max} (found {v})");
            return null;
        }

        return (int?)value;
    }

    [GeneratedRegex("^(GTM|G|AW|DC)-[A-Z0-9]{4,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerId();
}
