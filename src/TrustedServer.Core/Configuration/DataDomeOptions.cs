using System.Net;
using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.datadome]</c>: DataDome's browser tag and signal API first-party, and the pre-route
/// Protection API call.</summary>
public sealed record DataDomeOptions
{
    /// <summary>The default <c>sdk_origin</c>.</summary>
    public static readonly Uri DefaultSdkOrigin = new("https://js.datadome.co/");

    /// <summary>The default <c>api_origin</c>.</summary>
    public static readonly Uri DefaultApiOrigin = new("https://api-js.datadome.co/");

    /// <summary>The default <c>protection_api_origin</c>.</summary>
    public static readonly Uri DefaultProtectionApiOrigin = new("https://api-fastly.datadome.co/");

    /// <summary>The default <c>client_side_tag_url</c>.</summary>
    public const string DefaultClientSideTagUrl = "/integrations/datadome/tags.js";

    /// <summary>The path regex of the default exclusion rule: static assets by extension.</summary>
    public const string StaticAssetPattern =
        @"(?i)\.(avi|flv|mka|mkv|mov|mp4|mpeg|mpg|mp3|flac|ogg|ogm|opus|wav|webm|webp|bmp|gif|ico|jpeg|jpg|png|svg|svgz|swf|eot|otf|ttf|woff|woff2|css|less|js|map)$";

    /// <summary>How long one path regex may take on one request before the request is protected anyway.</summary>
    public static readonly TimeSpan RegexMatchTimeout = TimeSpan.FromMilliseconds(20);

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>sdk_origin</c>: where <c>tags.js</c> comes from.</summary>
    public Uri SdkOrigin { get; init; } = DefaultSdkOrigin;

    /// <summary><c>api_origin</c>: the signal collection API behind <c>/js/*</c>.</summary>
    public Uri ApiOrigin { get; init; } = DefaultApiOrigin;

    /// <summary><c>cache_ttl_seconds</c>: how long one fetched <c>tags.js</c> is served (60 to 86400), and its <c>max-age</c>.</summary>
    public int CacheTtlSeconds { get; init; } = 3600;

    /// <summary><c>rewrite_sdk</c>: point the page's DataDome tags, and the hosts in the served <c>tags.js</c>, at the
    /// first-party routes.</summary>
    public bool RewriteSdk { get; init; } = true;

    /// <summary><c>enable_protection</c>: call the Protection API before routing.</summary>
    public bool EnableProtection { get; init; }

    /// <summary><c>server_side_key</c> (or its environment variable): the Protection API key. Never logged.</summary>
    public string? ServerSideKey { get; init; }

    /// <summary><c>protection_api_origin</c>.</summary>
    public Uri ProtectionApiOrigin { get; init; } = DefaultProtectionApiOrigin;

    /// <summary><c>timeout_ms</c>: the whole Protection API call, connection included (1 to 10000).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary><c>protection_excluded_methods</c> (upper case).</summary>
    public IReadOnlyList<string> ExcludedMethods { get; init; } = ["OPTIONS"];

    /// <summary><c>protection_excluded_ip_cidrs</c>.</summary>
    public IReadOnlyList<IPNetwork> ExcludedNetworks { get; init; } = [];

    /// <summary><c>[[integrations.datadome.protection_exclusion_rules]]</c>; without any, the static-asset rule.</summary>
    public IReadOnlyList<DataDomeExclusionRule> ExclusionRules { get; init; } = [DefaultStaticAssetRule()];

    /// <summary><c>protection_test_bypass_secret</c>: a request whose <c>x-ts-datadome-bypass</c> header equals it
    /// skips the Protection API (staging automation). Null when not configured. Never logged.</summary>
    public string? TestBypassSecret { get; init; }

    /// <summary><c>client_side_key</c>: the browser tag's key (<c>window.ddjskey</c>); empty for no injection.</summary>
    public string ClientSideKey { get; init; } = string.Empty;

    /// <summary><c>inject_client_side_tag</c>.</summary>
    public bool InjectClientSideTag { get; init; } = true;

    /// <summary><c>client_side_tag_url</c>: root-relative or https.</summary>
    public string ClientSideTagUrl { get; init; } = DefaultClientSideTagUrl;

    /// <summary><c>client_side_configuration</c> as a JSON object (<c>window.ddoptions</c>).</summary>
    public string ClientSideConfigurationJson { get; init; } = "{\"ajaxListenerPath\":true}";

    /// <summary>Keeps the keys out of any printed form of the options.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Enabled = ").Append(Enabled).Append(", EnableProtection = ").Append(EnableProtection)
            .Append(", ProtectionApiOrigin = ").Append(ProtectionApiOrigin).Append(", ServerSideKey = ").Append(ServerSideKey is null ? "(none)" : "(set)");
        return true;
    }

    /// <summary>The default exclusion rule.</summary>
    public static DataDomeExclusionRule DefaultStaticAssetRule() => new()
    {
        Id = "default-static-assets",
        Kind = DataDomeRuleKind.PathRegex,
        Patterns = [new Regex(StaticAssetPattern, RegexOptions.CultureInvariant, RegexMatchTimeout)],
    };
}
