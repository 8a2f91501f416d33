using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>The <c>ext.prebid.bidder</c> object of one impression: which bidders, with which params after the override rules.</summary>
internal static class PrebidBidParams
{
    /// <summary>Whether <paramref name="slot"/> has a server-side bidder (an impression to send).</summary>
    public static bool Any(AdSlot slot, PrebidOptions options)
    {
        if (slot.Bidders.Count > 0)
        {
            for (var i = 0; i < slot.Bidders.Count; i++)
            {
                if (IsServerSide(slot.Bidders[i].Key, options))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i < options.Bidders.Count; i++)
        {
            if (IsServerSide(options.Bidders[i], options))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the bidder map for <paramref name="slot"/> (the first entry wins for a bidder named twice): the page's
    /// params as sent, or the configured bidders with empty params when the page named none. Params are copied as they
    /// came unless an override rule applies to them.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, AdSlot slot, PrebidOptions options)
    {
        writer.WriteStartObject("bidder");
        if (slot.Bidders.Count > 0)
        {
            for (var i = 0; i < slot.Bidders.Count; i++)
            {
                var (bidder, parameters) = slot.Bidders[i];
                if (IsServerSide(bidder, options) && !NamedBefore(slot.Bidders, i, bidder))
                {
                    WriteParams(writer, bidder, slot.Zone, parameters, options.OverrideRules);
                }
            }
        }
        else
        {
            for (var i = 0; i < options.Bidders.Count; i++)
            {
                var bidder = options.Bidders[i];
                if (IsServerSide(bidder, options) && !NamedBefore(options.Bidders, i, bidder))
                {
                    WriteParams(writer, bidder, slot.Zone, default, options.OverrideRules);
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Shallow-merges every matching rule's <c>set</c> into the params, in order (a later rule wins on a key).</summary>
    public static JsonObject Apply(string bidder, string? zone, JsonElement parameters, IReadOnlyList<BidParamOverrideRule> rules)
    {
        var merged = parameters.ValueKind == JsonValueKind.Object ? JsonNode.Parse(parameters.GetRawText())!.AsObject() : new JsonObject();
        foreach (var rule in rules)
        {
            if (Matches(rule, bidder, zone))
            {
                foreach (var property in rule.Set.EnumerateObject())
                {
                    merged[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(property.Value.GetRawText());
                }
            }
        }

        return merged;
    }

    private static void WriteParams(Utf8JsonWriter writer, string bidder, string? zone, JsonElement parameters, IReadOnlyList<BidParamOverrideRule> rules)
    {
        writer.WritePropertyName(bidder);
        for (var i = 0; i < rules.Count; i++)
        {
            if (Matches(rules[i], bidder, zone))
            {
                Apply(bidder, zone, parameters, rules).WriteTo(writer);
                return;
            }
        }

        if (parameters.ValueKind == JsonValueKind.Object)
        {
            parameters.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }

    private static bool Matches(BidParamOverrideRule rule, string bidder, string? zone) =>
        (rule.Bidder is null || rule.Bidder == bidder) && (rule.Zone is null || rule.Zone == zone) && (rule.Bidder is not null || rule.Zone is not null);

    private static bool NamedBefore(IReadOnlyList<KeyValuePair<string, JsonElement>> bidders, int index, string bidder)
    {
        for (var i = 0; i < index; i++)
        {
            if (bidders[i].Key == bidder)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamedBefore(IReadOnlyList<string> bidders, int index, string bidder)
    {
        for (var i = 0; i < index; i++)
        {
            if (bidders[i] == bidder)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsServerSide(string bidder, PrebidOptions options)
    {
        if (bidder == "aps")
        {
            return false;
        }

        var clientSide = options.ClientSideBidders;
        for (var i = 0; i < clientSide.Count; i++)
        {
            if (clientSide[i] == bidder)
            {
                return false;
            }
        }

        return true;
    }
}
