using System.Net;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds the browser-side keys of <c>[integrations.prebid]</c>.</summary>
internal static class PrebidClientOptionsBinder
{
    public static PrebidClientOptions Client(ConfigSectionReader r)
    {
        var account = r.String("account_id");
        var patterns = r.StringList("script_patterns") ?? PrebidClientOptions.DefaultScriptPatterns;
        foreach (var pattern in patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern) || pattern.Trim('*').Length == 0)
            {
                r.Error("script_patterns", "every pattern must name part of a path (not empty, not only *)");
            }
        }

        var bundle = BundleUrl(r);
        var sha = r.String("external_bundle_sha256")?.Trim().ToLowerInvariant();
        if (sha is not null && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
        {
            r.Error("external_bundle_sha256", "must be 64 hexadecimal digits");
            sha = null;
        }

        var sri = r.String("external_bundle_sri")?.Trim();
        if (sri is not null && !(sri.StartsWith("sha256-", StringComparison.Ordinal) || sri.StartsWith("sha384-", StringComparison.Ordinal) || sri.StartsWith("sha512-", StringComparison.Ordinal)))
        {
            r.Error("external_bundle_sri", "must be Subresource Integrity metadata (sha256-, sha384- or sha512- and a base64 digest)");
            sri = null;
        }

        var suffixes = r.StringList("excluded_gam_ad_unit_path_suffixes") ?? [];
        foreach (var suffix in suffixes)
        {
            if (suffix == "/" || !suffix.StartsWith('/') || suffix.Trim() != suffix)
            {
                r.Error("excluded_gam_ad_unit_path_suffixes", $"\"{suffix}\" must start with / and be more than / (no surrounding spaces)");
            }
        }

        return new PrebidClientOptions
        {
            AccountId = string.IsNullOrWhiteSpace(account) ? null : account.Trim(),
            ScriptPatterns = [.. patterns.Select(p => p.Trim())],
            ExternalBundleUrl = bundle,
            ExternalBundleSha256 = sha,
            ExternalBundleSri = sri,
            ExcludedGamAdUnitPathSuffixes = [.. suffixes.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>HTTPS, or plain HTTP to a loopback address (a local build served next to the server).</summary>
    private static Uri? BundleUrl(ConfigSectionReader r)
    {
        var text = r.String("external_bundle_url");
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.UserInfo.Length > 0
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || (IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip))))))
        {
            r.Error("external_bundle_url", "must be an absolute https:// URL (http:// only for a loopback host)");
            return null;
        }

        return url;
    }
}
