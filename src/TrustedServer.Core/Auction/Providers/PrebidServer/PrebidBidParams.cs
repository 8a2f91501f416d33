using System.Text.Json;
using System.Text.Json.Nodes;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>The <c>ext.prebid.bidder</c> object of one impression: which bidders, with which params after the override rules.</summary>
internal static class PrebidBidParams
{
    /// <summary>The bidder map for <paramref name="slot"/>, or null when no server-side bidder is left.</summary>
    public static JsonObject? For(AdSlot slot, PrebidOptions options)
    {
        var result = new JsonObject();
        if (slot.Bidders.Count > 0)
        {
            foreach (var (bidder, parameters) in slot.Bidders)
            {
                if (IsServerSide(bidder, options) && !result.ContainsKey(bidder))
                {
                    result[bidder] = Apply(bidder, slot.Zone, parameters, options.OverrideRules);
                }
            }
        }
        else
        {
            foreach (var bidder in options.Bidders)
            {
                if (IsServerSide(bidder, options) && !result.ContainsKey(bidder))
                {
                    result[bidder] = Apply(bidder, slot.Zone, default, options.OverrideRules);
                }
            }
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>Shallow-merges every matching rule's <c>set</c> into the params, in order (a later rule wins on a key).</summary>
    public static JsonObject Apply(string bidder, string? zone, JsonElement parameters, IReadOnlyList<BidParamOverrideRule> rules)
    {
        var merged = parameters.ValueKind == JsonValueKind.Object ? JsonNode.Parse(parameters.GetRawText())!.AsObject() : new JsonObject();
        foreach (var rule in rules)
        {
            if ((rule.Bidder is null || rule.Bidder == bidder) && (rule.Zone is null || rule.Zone == zone) && (rule.Bidder is not null || rule.Zone is not null))
            {
                foreach (var property in rule.Set.EnumerateObject())
                {
                    merged[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(property.Value.GetRawText());
                }
            }
        }

        return merged;
    }

    private static bool IsServerSide(string bidder, PrebidOptions options) =>
        bidder != "aps" && !options.ClientSideBidders.Contains(bidder, StringComparer.Ordinal);
}
