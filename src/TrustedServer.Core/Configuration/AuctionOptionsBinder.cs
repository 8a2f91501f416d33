using System.Globalization;
using TrustedServer.Core.Auction;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[auction]</c> and the provider sections <c>[integrations.prebid]</c>, <c>[integrations.aps]</c>, <c>[integrations.adserver_mock]</c>.</summary>
internal static class AuctionOptionsBinder
{
    public const string OverridesPrefix = "integrations.prebid.bid_param_overrides.";
    public const string ZoneOverridesPrefix = "integrations.prebid.bid_param_zone_overrides.";
    public const string RulesTableArray = "integrations.prebid.bid_param_override_rules";

    public static AuctionOptions Auction(
        ConfigSectionReader r,
        ConfigSectionReader prebid,
        IReadOnlyList<ConfigSectionReader> overrideSections,
        IReadOnlyList<ConfigSectionReader> zoneSections,
        IReadOnlyList<ConfigSectionReader> rules,
        ConfigSectionReader aps,
        ConfigSectionReader mediator)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var providers = r.StringList("providers") ?? [];
        var mediatorName = r.String("mediator");
        var timeout = OptionsBinder.Positive(r, "timeout_ms") ?? 2000;
        var contextKeys = r.StringList("allowed_context_keys") ?? [];
        var sanitize = r.Boolean("sanitize_creatives") ?? false;
        var rewrite = r.Boolean("rewrite_creatives") ?? true;
        var maxResponse = OptionsBinder.Positive(r, "max_response_bytes") ?? AuctionOptions.DefaultMaxResponseBytes;
        var prebidOptions = PrebidOptionsBinder.Prebid(prebid, overrideSections, zoneSections, rules);
        var apsOptions = ApsOptionsBinder.Aps(aps);
        var mediatorOptions = AdServerMock(mediator);

        var bound = new AuctionOptions { Prebid = prebidOptions, Aps = apsOptions, AdServerMock = mediatorOptions };
        var names = AuctionProviderCatalog.Names;
        bool IsEnabled(string name) => AuctionProviderCatalog.Find(name)?.IsEnabled(bound) ?? false;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in providers)
        {
            if (!names.Contains(name))
            {
                r.Error("providers", $"\"{name}\" is not a provider; known providers: {string.Join(", ", names)}");
            }
            else if (AuctionProviderCatalog.Find(name)!.IsMediator)
            {
                // Named as the mediator too: reported there, as a mediator that is also a provider.
                if (name != mediatorName)
                {
                    r.Error("providers", $"\"{name}\" is a mediator; name it in mediator");
                }

                seen.Add(name);
            }
            else if (!seen.Add(name))
            {
                r.Error("providers", $"\"{name}\" is listed twice");
            }
            else if (enabled && !IsEnabled(name))
            {
                r.Error("providers", $"\"{name}\" is listed but [integrations.{name}] is not enabled");
            }
        }

        if (mediatorName is not null)
        {
            if (!names.Contains(mediatorName))
            {
                r.Error("mediator", $"\"{mediatorName}\" is not a provider; known providers: {string.Join(", ", names)}");
            }
            else if (!AuctionProviderCatalog.Find(mediatorName)!.IsMediator)
            {
                r.Error("mediator", $"\"{mediatorName}\" bids; it cannot mediate");
            }
            else if (seen.Contains(mediatorName))
            {
                r.Error("mediator", $"\"{mediatorName}\" is also in providers; a mediator cannot bid in the auction it mediates");
            }
            else if (enabled && !IsEnabled(mediatorName))
            {
                r.Error("mediator", $"\"{mediatorName}\" is named but [integrations.{mediatorName}] is not enabled");
            }
        }

        if (enabled && providers.Count == 0)
        {
            r.Error("providers", "must name at least one provider when the auction is enabled");
        }

        r.ReportUnknownKeys();
        return bound with
        {
            Enabled = enabled,
            Providers = providers,
            Mediator = string.IsNullOrEmpty(mediatorName) ? null : mediatorName,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            AllowedContextKeys = contextKeys,
            SanitizeCreatives = sanitize,
            RewriteCreatives = rewrite,
            MaxResponseBytes = maxResponse,
        };
    }

    private static AdServerMockOptions AdServerMock(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var endpoint = Url(r, "endpoint", enabled);
        var timeout = OptionsBinder.Positive(r, "timeout_ms") ?? 500;
        double? floor = null;
        var floorValue = r.Find("price_floor");
        switch (floorValue?.Value)
        {
            case null:
                break;
            case double d:
                floor = d;
                break;
            case long l:
                floor = l;
                break;
            case string text when floorValue.FromEnvironment && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                floor = parsed;
                break;
            default:
                r.Error("price_floor", floorValue, $"expected a number, found {floorValue.TypeName}");
                break;
        }

        if (floor is { } f && (!double.IsFinite(f) || f < 0))
        {
            r.Error("price_floor", floorValue, "must be a finite number of at least 0");
            floor = null;
        }

        var context = r.StringList("context_query_params") ?? [];
        r.ReportUnknownKeys();
        return new AdServerMockOptions
        {
            Enabled = enabled,
            Endpoint = endpoint,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            PriceFloor = floor,
            ContextQueryParams = context,
        };
    }

    internal static Uri? Url(ConfigSectionReader r, string key, bool required)
    {
        var text = r.String(key);
        if (text is null)
        {
            if (required)
            {
                r.Error(key, "is required when the provider is enabled");
            }

            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            r.Error(key, "must be an absolute http:// or https:// URL");
            return null;
        }

        return url;
    }
}
