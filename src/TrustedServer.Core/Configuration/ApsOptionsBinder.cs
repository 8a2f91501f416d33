using System.Globalization;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.aps]</c>.</summary>
internal static class ApsOptionsBinder
{
    public static ApsOptions Aps(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var account = Account(r);
        if (enabled && string.IsNullOrWhiteSpace(account))
        {
            r.Error("account_id", "is required when [integrations.aps] is enabled");
        }

        var endpoint = AuctionOptionsBinder.Url(r, "endpoint", required: false) ?? ApsOptions.DefaultEndpoint;
        var timeout = OptionsBinder.Positive(r, "timeout_ms") ?? 800;
        var domain = r.String("inventory_domain");
        var originText = r.String("inventory_page_origin");
        Uri? origin = null;
        if ((domain is null) != (originText is null))
        {
            r.Error(domain is null ? "inventory_domain" : "inventory_page_origin", "inventory_domain and inventory_page_origin must be set together");
        }
        else if (domain is not null && originText is not null)
        {
            domain = domain.Trim().ToLowerInvariant();
            if (!Uri.TryCreate(originText, UriKind.Absolute, out origin) || origin.Scheme != Uri.UriSchemeHttps || !origin.IsDefaultPort
                || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0 || origin.UserInfo.Length > 0
                || !(origin.Host == domain || origin.Host.EndsWith("." + domain, StringComparison.Ordinal)))
            {
                r.Error("inventory_page_origin", "must be https://<inventory_domain or a subdomain> with no port, path, query or credentials");
                origin = null;
            }
        }

        var runner = RunnerUrl(r);
        var allowScripts = r.Boolean("allow_script_creatives") ?? false;
        var debug = r.Boolean("debug") ?? false;
        r.ReportUnknownKeys();
        return new ApsOptions
        {
            Enabled = enabled,
            AccountId = account,
            Endpoint = endpoint,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            InventoryDomain = origin is null ? null : domain,
            InventoryPageOrigin = origin,
            RunnerUrl = runner,
            AllowScriptCreatives = allowScripts,
            Debug = debug,
        };
    }

    /// <summary>
    /// <c>runner_url</c>: https, or http only for a loopback host (a local stand-in), never with credentials, a query
    /// or a fragment: the renderer's CSP names this exact URL, and it runs inside every APS creative frame.
    /// </summary>
    private static Uri RunnerUrl(ConfigSectionReader r)
    {
        var text = r.String("runner_url");
        if (text is null)
        {
            return ApsOptions.DefaultRunnerUrl;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)) || url.Host.Length == 0
            || url.OriginalString.IndexOfAny([';', ',', ' ', '\'', '"']) >= 0)
        {
            r.Error("runner_url", "must be an https:// URL (http:// only for a loopback host) without credentials, query or fragment");
            return ApsOptions.DefaultRunnerUrl;
        }

        return url;
    }

    /// <summary>
    /// <c>account_id</c>, or <c>pub_id</c>, its older name kept so that existing files still load (a string or, as older
    /// files wrote it, an integer). Both at once is an error: which one was meant cannot be guessed.
    /// </summary>
    private static string? Account(ConfigSectionReader r)
    {
        var account = r.String("account_id");
        var legacy = r.Find("pub_id");
        if (legacy is null)
        {
            return account;
        }

        string? pubId = null;
        switch (legacy.Value)
        {
            case long number when number > 0:
                pubId = number.ToString(CultureInfo.InvariantCulture);
                break;
            case long:
                r.Error("pub_id", legacy, "must be a positive integer or a string");
                return account;
            case string text when !string.IsNullOrWhiteSpace(text):
                pubId = text.Trim();
                break;
            case string:
                r.Error("pub_id", legacy, "must not be empty");
                return account;
            default:
                r.Error("pub_id", legacy, $"expected a string or an integer, found {legacy.TypeName}");
                return account;
        }

        if (account is not null)
        {
            r.Error("pub_id", legacy, "account_id and pub_id (its older name) are both set; keep account_id only");
            return account;
        }

        return pubId;
    }
}
