using System.Text.Json;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.prebid]</c> with its bid-parameter override tables and rules.</summary>
internal static class PrebidOptionsBinder
{
    public static PrebidOptions Prebid(ConfigSectionReader r, IReadOnlyList<ConfigSectionReader> overrideSections, IReadOnlyList<ConfigSectionReader> zoneSections, IReadOnlyList<ConfigSectionReader> ruleReaders)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var url = AuctionOptionsBinder.Url(r, "server_url", enabled);
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
        var client = PrebidClientOptionsBinder.Client(r);

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
            var bidder = section.Section[AuctionOptionsBinder.OverridesPrefix.Length..];
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
            var bidder = section.Section[AuctionOptionsBinder.ZoneOverridesPrefix.Length..];
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
            Client = client,
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
