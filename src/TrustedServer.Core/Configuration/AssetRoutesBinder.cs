using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds the <c>[[proxy.asset_routes]]</c> tables.</summary>
internal static class AssetRoutesBinder
{
    public const string TableArray = "proxy.asset_routes";

    public static List<AssetRouteOptions> Bind(IReadOnlyList<ConfigSectionReader> readers)
    {
        var routes = new List<AssetRouteOptions>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in readers)
        {
            if (Route(r) is { } route)
            {
                if (!prefixes.Add(route.Prefix))
                {
                    r.Error("prefix", $"\"{route.Prefix}\" is the prefix of an earlier asset route too");
                }
                else
                {
                    routes.Add(route);
                }
            }
        }

        return routes;
    }

    private static AssetRouteOptions? Route(ConfigSectionReader r)
    {
        var prefix = r.String("prefix", required: true);
        if (prefix is not null && (!prefix.StartsWith('/') || prefix.Contains('?', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal) || prefix.StartsWith("/_ts/", StringComparison.Ordinal) || prefix == "/"))
        {
            r.Error("prefix", "must be a path starting with / (not / itself, not under /_ts/, no query or fragment)");
            prefix = null;
        }

        var originText = r.String("origin_url", required: true);
        Uri? origin = null;
        if (originText is not null)
        {
            if (!Uri.TryCreate(originText.Trim(), UriKind.Absolute, out origin) || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps)
                || origin.UserInfo.Length > 0 || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0)
            {
                r.Error("origin_url", "must be an http:// or https:// origin: scheme, host and optional port, no path, query, fragment or credentials");
                origin = null;
            }
        }

        var patternText = r.String("path_pattern");
        var target = r.String("target_path");
        Regex? pattern = null;
        if ((patternText is null) != (target is null))
        {
            r.Error(patternText is null ? "target_path" : "path_pattern", "path_pattern and target_path must be set together");
        }
        else if (patternText is not null)
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                r.Error("path_pattern", $"is not a valid regular expression: {ex.Message}");
            }

            if (!target!.StartsWith('/'))
            {
                r.Error("target_path", "must start with /");
            }
        }

        var strip = false;
        switch (r.String("origin_query"))
        {
            case null or "preserve":
                break;
            case "strip":
                strip = true;
                break;
            default:
                r.Error("origin_query", "must be preserve or strip");
                break;
        }

        foreach (var unsupported in new[] { "auth", "image_optimizer" })
        {
            if (r.Find(unsupported) is { } value)
            {
                r.Error(unsupported, value, "is not supported by this server (S3 signing and Fastly Image Optimizer are Fastly features)");
            }
        }

        r.ReportUnknownKeys();
        return prefix is null || origin is null ? null : new AssetRouteOptions
        {
            Prefix = prefix,
            OriginUrl = origin,
            PathPattern = pattern,
            TargetPath = pattern is null ? null : target,
            StripQuery = strip,
        };
    }
}
