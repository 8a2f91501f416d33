using System.Globalization;
using System.Text.Json;
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
        var prebidOptions = Prebid(prebid, overrideSections, zoneSections, rules);
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

    private static PrebidOptions Prebid(ConfigSectionReader r, IReadOnlyList<ConfigSectionReader> overrideSections, IReadOnlyList<ConfigSectionReader> zoneSections, IReadOnlyList<ConfigSectionReader> ruleReaders)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var url = Url(r, "server_url", enabled);
        var timeout = OptionsBinder.Positive(r, "timeout_ms") ?? 1000;
        var bidders = r.StringList("bidders") ?? ["mocktioneer"];
        var clientSide = r.StringList("client_side_bidders") ?? [];
        var debug = r.Boolean("debug") ?? false;
        var test = r.Boolean("test_mode") ?? false;
        var debugQuery = r.String("debug_query_params");
        var suppress = r.Boolean("suppress_nurl") ?? false;
        var suppressBidders = r.StringList("suppress_nurl_bidders") ?? [];
        var compress = r.Boolean("compress_requests") ?? false;
        var forwarding = ConsentForwardingMode(r);

        var rules = new List<BidParamOverrideRule>();
        if (Table(r, "bid_param_overrides") is { } overrides)
        {
            foreach (var (bidder, value) in overrides)
            {
                AddRule(r, "bid_param_overrides", rules, bidder, null, value);
            }
        }

        foreach (var section in overrideSections)
        {
            var bidder = section.Section[OverridesPrefix.Length..];
            rules.Add(new BidParamOverrideRule(bidder, null, ToJson(section.AllKeys())));
        }

        if (Table(r, "bid_param_zone_overrides") is { } zones)
        {
            foreach (var (bidder, value) in zones)
            {
                if (value is not JsonElement { ValueKind: JsonValueKind.Object } byZone)
                {
                    r.Error("bid_param_zone_overrides", $"\"{bidder}\" must be a table of zones");
                    continue;
                }

                foreach (var zone in byZone.EnumerateObject())
                {
                    AddRule(r, "bid_param_zone_overrides", rules, bidder, zone.Name, zone.Value);
                }
            }
        }

        foreach (var section in zoneSections)
        {
            var bidder = section.Section[ZoneOverridesPrefix.Length..];
            foreach (var (zone, value) in section.AllKeys())
            {
                if (value.Value is IReadOnlyDictionary<string, ConfigValue> set)
                {
                    rules.Add(new BidParamOverrideRule(bidder, zone, ToJson(set)));
                }
                else
                {
                    section.Error(zone, value, "must be a table of params, e.g. header = { placementId = \"...\" }");
                }
            }
        }

        var explicitRules = r.Find("bid_param_override_rules");
        if (explicitRules is { Value: string json, FromEnvironment: true })
        {
            ParseRules(r, explicitRules, json, rules);
        }
        else if (explicitRules is not null)
        {
            r.Error("bid_param_override_rules", explicitRules, "must be written as [[integrations.prebid.bid_param_override_rules]] tables");
        }

        foreach (var rule in ruleReaders)
        {
            Rule(rule, rules);
        }

        r.ReportUnknownKeys();
        return new PrebidOptions
        {
            Enabled = enabled,
            ServerUrl = url,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            Bidders = bidders,
            ClientSideBidders = clientSide,
            Debug = debug,
            TestMode = test,
            DebugQueryParams = string.IsNullOrEmpty(debugQuery) ? null : debugQuery.TrimStart('?', '&'),
            OverrideRules = rules,
            SuppressNurl = suppress,
            SuppressNurlBidders = suppressBidders,
            CompressRequests = compress,
            ConsentForwarding = forwarding,
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

    private static ConsentForwarding ConsentForwardingMode(ConfigSectionReader r)
    {
        switch (r.String("consent_forwarding"))
        {
            case null or "both":
                return ConsentForwarding.Both;
            case "openrtb_only":
                return ConsentForwarding.OpenRtbOnly;
            case "cookies_only":
                return ConsentForwarding.CookiesOnly;
            default:
                r.Error("consent_forwarding", "must be both, openrtb_only or cookies_only");
                return ConsentForwarding.Both;
        }
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

    private static Dictionary<string, JsonElement>? Table(ConfigSectionReader r, string key)
    {
        var value = r.Find(key);
        switch (value?.Value)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, ConfigValue> table:
                return table.ToDictionary(p => p.Key, p => ToJson(p.Value), StringComparer.Ordinal);
            case string json when value.FromEnvironment:
                try
                {
                    using var document = JsonDocument.Parse(json);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        break;
                    }

                    return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
                }
                catch (JsonException)
                {
                    break;
                }
        }

        r.Error(key, value, "expected a table (or, from the environment, a JSON object) keyed by bidder");
        return null;
    }

    private static void AddRule(ConfigSectionReader r, string key, List<BidParamOverrideRule> rules, string bidder, string? zone, JsonElement set)
    {
        if (set.ValueKind != JsonValueKind.Object)
        {
            r.Error(key, $"the params for \"{bidder}\"{(zone is null ? string.Empty : $" in zone \"{zone}\"")} must be a table");
            return;
        }

        rules.Add(new BidParamOverrideRule(bidder, zone, set));
    }

    private static void ParseRules(ConfigSectionReader r, ConfigValue value, string json, List<BidParamOverrideRule> rules)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException();
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                var when = item.TryGetProperty("when", out var w) && w.ValueKind == JsonValueKind.Object ? w : default;
                string? Matcher(string name) => when.ValueKind == JsonValueKind.Object && when.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                if (!item.TryGetProperty("set", out var set) || set.ValueKind != JsonValueKind.Object || !set.EnumerateObject().Any())
                {
                    r.Error("bid_param_override_rules", value, "every rule needs a non-empty \"set\" object");
                    continue;
                }

                rules.Add(new BidParamOverrideRule(Matcher("bidder"), Matcher("zone"), set.Clone()));
            }
        }
        catch (JsonException)
        {
            r.Error("bid_param_override_rules", value, "expected a JSON array of {\"when\":{...},\"set\":{...}} rules");
        }
    }

    private static void Rule(ConfigSectionReader r, List<BidParamOverrideRule> rules)
    {
        var bidder = r.String("when.bidder");
        var zone = r.String("when.zone");
        if (r.Find("when") is { Value: IReadOnlyDictionary<string, ConfigValue> when })
        {
            bidder ??= when.GetValueOrDefault("bidder")?.Value as string;
            zone ??= when.GetValueOrDefault("zone")?.Value as string;
        }

        var set = r.Find("set");
        if (set?.Value is not IReadOnlyDictionary<string, ConfigValue> { Count: > 0 } table)
        {
            r.Error("set", set, "is required: a non-empty table of params");
        }
        else
        {
            rules.Add(new BidParamOverrideRule(bidder, zone, ToJson(table)));
        }

        r.ReportUnknownKeys();
    }

    private static JsonElement ToJson(IReadOnlyDictionary<string, ConfigValue> table) => ToJson(new ConfigValue(table, null, string.Empty));

    private static JsonElement ToJson(ConfigValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, value);
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value.Value)
        {
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case IReadOnlyList<ConfigValue> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, ConfigValue> table:
                writer.WriteStartObject();
                foreach (var (key, item) in table)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(value.Value.ToString());
                break;
        }
    }
}
