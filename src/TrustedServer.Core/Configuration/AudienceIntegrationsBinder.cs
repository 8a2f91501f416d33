using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.permutive]</c> and <c>[integrations.lockr]</c>.</summary>
internal static partial class AudienceIntegrationsBinder
{
    public static PermutiveOptions Permutive(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var organization = Identifier(r, "organization_id", enabled, "[integrations.permutive]");
        var workspace = Identifier(r, "workspace_id", enabled, "[integrations.permutive]");
        var project = r.String("project_id")?.Trim() ?? string.Empty;
        var sdkOrigin = IntegrationsOptionsBinder.UpstreamUrl(r, "sdk_origin", allowPath: false);
        var api = IntegrationsOptionsBinder.UpstreamUrl(r, "api_endpoint", allowPath: false) ?? PermutiveOptions.DefaultApi;
        var signals = IntegrationsOptionsBinder.UpstreamUrl(r, "secure_signals_endpoint", allowPath: false) ?? PermutiveOptions.DefaultSecureSignals;
        var events = IntegrationsOptionsBinder.UpstreamUrl(r, "events_endpoint", allowPath: false) ?? PermutiveOptions.DefaultEvents;
        var sync = IntegrationsOptionsBinder.UpstreamUrl(r, "sync_endpoint", allowPath: false) ?? PermutiveOptions.DefaultSync;
        var cdn = IntegrationsOptionsBinder.UpstreamUrl(r, "cdn_endpoint", allowPath: false) ?? PermutiveOptions.DefaultCdn;
        var ttl = IntegrationsOptionsBinder.Range(r, "cache_ttl_seconds", 60, 86400) ?? 3600;
        var rewrite = r.Boolean("rewrite_sdk") ?? true;
        var beacon = IntegrationsOptionsBinder.Range(r, "max_beacon_body_size", 1024, 1048576) ?? 65536;
        r.ReportUnknownKeys();
        return new PermutiveOptions
        {
            Enabled = enabled,
            OrganizationId = organization,
            WorkspaceId = workspace,
            ProjectId = project,
            SdkOrigin = sdkOrigin,
            ApiEndpoint = api,
            SecureSignalsEndpoint = signals,
            EventsEndpoint = events,
            SyncEndpoint = sync,
            CdnEndpoint = cdn,
            CacheTtlSeconds = ttl,
            RewriteSdk = rewrite,
            MaxBeaconBodySize = beacon,
        };
    }

    public static LockrOptions Lockr(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var appId = Identifier(r, "app_id", enabled, "[integrations.lockr]");
        var api = IntegrationsOptionsBinder.UpstreamUrl(r, "api_endpoint", allowPath: false) ?? LockrOptions.DefaultApi;
        var sdk = IntegrationsOptionsBinder.UpstreamUrl(r, "sdk_url", allowPath: true) ?? LockrOptions.DefaultSdkUrl;
        var ttl = IntegrationsOptionsBinder.Range(r, "cache_ttl_seconds", 60, 86400) ?? 3600;
        var rewrite = r.Boolean("rewrite_sdk") ?? true;
        var origin = IntegrationsOptionsBinder.UpstreamUrl(r, "origin_override", allowPath: false);
        r.ReportUnknownKeys();
        return new LockrOptions
        {
            Enabled = enabled,
            AppId = appId,
            ApiEndpoint = api,
            SdkUrl = sdk,
            CacheTtlSeconds = ttl,
            RewriteSdk = rewrite,
            OriginOverride = origin,
        };
    }

    /// <summary>A vendor's account identifier: required when the section is enabled; it goes into URLs and pages, so
    /// only letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</summary>
    private static string Identifier(ConfigSectionReader r, string key, bool enabled, string section)
    {
        var value = r.String(key)?.Trim();
        if (value is null || value.Length == 0)
        {
            if (enabled)
            {
                r.Error(key, $"is required when {section} is enabled");
            }

            return string.Empty;
        }

        if (!IdentifierPattern().IsMatch(value))
        {
            r.Error(key, "must be 1 to 128 letters, digits, '-', '_' or '.'");
            return string.Empty;
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
