using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.didomi]</c>, <c>[integrations.sourcepoint]</c>, <c>[integrations.osano]</c> and
/// <c>[integrations.gpt_diagnostics]</c> onto the other integrations' options.</summary>
internal static partial class ConsentIntegrationsBinder
{
    // Paths the server answers itself: a proxy path under one of them would shadow it or be shadowed.
    private static readonly string[] ReservedPrefixes = ["/_ts", "/static", "/first-party", "/auction", "/admin", "/.well-known", "/integrations"];

    public static IntegrationsOptions Bind(IntegrationsOptions integrations, ConfigSectionReader didomi, ConfigSectionReader sourcepoint, ConfigSectionReader osano, ConfigSectionReader diagnostics) =>
        integrations with
        {
            Didomi = Didomi(didomi),
            Sourcepoint = Sourcepoint(sourcepoint),
            Osano = new OsanoOptions { Enabled = EnabledOnly(osano) },
            GptDiagnostics = new GptDiagnosticsOptions { Enabled = EnabledOnly(diagnostics) },
        };

    private static bool EnabledOnly(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        r.ReportUnknownKeys();
        return enabled;
    }

    private static DidomiOptions Didomi(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var path = ProxyPath(r, "proxy_path") ?? DidomiOptions.DefaultProxyPath;
        var sdk = IntegrationsOptionsBinder.UpstreamUrl(r, "sdk_origin", allowPath: false) ?? DidomiOptions.DefaultSdkOrigin;
        var api = IntegrationsOptionsBinder.UpstreamUrl(r, "api_origin", allowPath: false) ?? DidomiOptions.DefaultApiOrigin;
        r.ReportUnknownKeys();
        return new DidomiOptions { Enabled = enabled, ProxyPath = path, SdkOrigin = sdk, ApiOrigin = api };
    }

    private static SourcepointOptions Sourcepoint(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var rewrite = r.Boolean("rewrite_sdk") ?? true;
        var cdn = IntegrationsOptionsBinder.UpstreamUrl(r, "cdn_origin", allowPath: false) ?? SourcepointOptions.DefaultCdnOrigin;
        var cookie = r.String("auth_cookie_name")?.Trim();
        if (cookie is not null && !CookieName().IsMatch(cookie))
        {
            r.Error("auth_cookie_name", "must be 1 to 64 letters, digits, '_' or '-'");
            cookie = null;
        }

        var ttl = IntegrationsOptionsBinder.Range(r, "cache_ttl_seconds", 0, 86400) ?? 3600;
        r.ReportUnknownKeys();
        return new SourcepointOptions { Enabled = enabled, RewriteSdk = rewrite, CdnOrigin = cdn, AuthCookieName = cookie, CacheTtlSeconds = ttl };
    }

    /// <summary>A path prefix for a proxy: normalised to a leading <c>/</c> and no trailing one.</summary>
    private static string? ProxyPath(ConfigSectionReader r, string key)
    {
        var text = r.String(key);
        if (text is null)
        {
            return null;
        }

        var path = text.StartsWith('/') ? text : "/" + text;
        string? problem = path.Length <= 1 ? "must not be empty or just /"
            : path.EndsWith('/') ? "must not end with /"
            : path.Contains("//", StringComparison.Ordinal) ? "must not hold //"
            : !PathChars().IsMatch(path) ? "may hold only ASCII letters, digits, '-', '_', '.', '~' and '/'"
            : path.Split('/').Any(s => s is "." or "..") ? "must not hold . or .. segments"
            : IsReserved(path) ? "must not be under a path the server answers itself (/_ts, /static, /first-party, /auction, /admin, /.well-known, or another integration's /integrations/<id>)"
            : null;
        if (problem is not null)
        {
            r.Error(key, problem);
            return null;
        }

        return path;
    }

    private static bool IsReserved(string path)
    {
        if (path.Equals(DidomiOptions.DefaultProxyPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/integrations/didomi/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return ReservedPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CookieName();

    [GeneratedRegex("^[A-Za-z0-9._~/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PathChars();
}
