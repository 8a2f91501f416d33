using System.Text;
using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;

namespace TrustedServer.Core.Auction;

/// <summary>
/// Reads a Prebid.js-style auction body: <c>adUnits[].code</c>, <c>mediaTypes.banner.sizes</c> (<c>[w,h]</c> pairs),
/// <c>mediaTypes.banner.name</c> (the zone), <c>bids[].bidder/params</c>, an optional floor (<c>floor</c> or
/// <c>ortb2Imp.bidfloor</c>), <c>config</c> and <c>eids</c>. Only banner is supported. Every refusal names the field.
/// </summary>
public static class AdRequestParser
{
    /// <summary>Most ad units in one auction.</summary>
    public const int MaxAdUnits = 64;

    /// <summary>Most EID sources, UIDs per source, and bytes of a source name.</summary>
    public const int MaxEidSources = 64, MaxUidsPerSource = 32, MaxSourceBytes = 255;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>Parses <paramref name="body"/>; exactly one of the results is non-null.</summary>
    public static (AdRequest? Request, AdRequestError? Error) Parse(ReadOnlyMemory<byte> body, IReadOnlyCollection<string> allowedContextKeys)
    {
        ArgumentNullException.ThrowIfNull(allowedContextKeys);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            return (null, new AdRequestError("$", $"malformed JSON ({ex.Message.Split('.')[0]})"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, new AdRequestError("$", "must be a JSON object"));
            }

            if (!root.TryGetProperty("adUnits", out var units) || units.ValueKind != JsonValueKind.Array)
            {
                return (null, new AdRequestError("adUnits", "is required and must be an array"));
            }

            if (units.GetArrayLength() is 0 or > MaxAdUnits)
            {
                return (null, new AdRequestError("adUnits", $"must hold 1 to {MaxAdUnits} ad units"));
            }

            var slots = new List<AdSlot>(units.GetArrayLength());
            var index = 0;
            foreach (var unit in units.EnumerateArray())
            {
                var (slot, error) = Slot(unit, $"adUnits[{index}]");
                if (error is not null)
                {
                    return (null, error);
                }

                if (slots.Exists(s => s.Id == slot!.Id))
                {
                    return (null, new AdRequestError($"adUnits[{index}].code", $"\"{slot!.Id}\" is used twice"));
                }

                slots.Add(slot!);
                index++;
            }

            var context = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (root.TryGetProperty("config", out var config))
            {
                if (config.ValueKind != JsonValueKind.Object)
                {
                    return (null, new AdRequestError("config", "must be an object"));
                }

                foreach (var property in config.EnumerateObject())
                {
                    if (allowedContextKeys.Contains(property.Name))
                    {
                        context[property.Name] = property.Value.Clone();
                    }
                }
            }

            IReadOnlyList<Eid>? eids = null;
            if (root.TryGetProperty("eids", out var eidsElement) && eidsElement.ValueKind != JsonValueKind.Null)
            {
                if (eidsElement.ValueKind != JsonValueKind.Array)
                {
                    return (null, new AdRequestError("eids", "must be an array"));
                }

                eids = ReadEids(eidsElement);
            }

            return (new AdRequest(slots, context, eids), null);
        }
    }

    /// <summary>
    /// Reads OpenRTB EIDs leniently (bad entries are skipped), within the limits: 64 sources, 32 UIDs per source,
    /// source names of at most 255 bytes.
    /// </summary>
    public static List<Eid> ReadEids(JsonElement array)
    {
        var result = new List<Eid>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (result.Count == MaxEidSources)
            {
                break;
            }

            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String
                || source.GetString() is not { Length: > 0 } name || Encoding.UTF8.GetByteCount(name) > MaxSourceBytes
                || !item.TryGetProperty("uids", out var uids) || uids.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var list = new List<Uid>();
            foreach (var uid in uids.EnumerateArray())
            {
                if (list.Count == MaxUidsPerSource)
                {
                    break;
                }

                if (uid.ValueKind == JsonValueKind.Object && uid.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value)
                {
                    int? atype = uid.TryGetProperty("atype", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var n) ? n : null;
                    list.Add(new Uid { Id = value, Atype = atype });
                }
            }

            if (list.Count > 0)
            {
                result.Add(new Eid { Source = name, Uids = list });
            }
        }

        return result;
    }

    private static (AdSlot?, AdRequestError?) Slot(JsonElement unit, string path)
    {
        if (unit.ValueKind != JsonValueKind.Object)
        {
            return (null, new AdRequestError(path, "must be an object"));
        }

        if (!unit.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || code.GetString() is not { Length: > 0 and <= 256 } id)
        {
            return (null, new AdRequestError(path + ".code", "is required: a string of 1 to 256 characters"));
        }

        if (!unit.TryGetProperty("mediaTypes", out var mediaTypes) || mediaTypes.ValueKind != JsonValueKind.Object
            || !mediaTypes.TryGetProperty("banner", out var banner) || banner.ValueKind != JsonValueKind.Object)
        {
            return (null, new AdRequestError(path + ".mediaTypes.banner", "is required (only banner is supported)"));
        }

        if (!banner.TryGetProperty("sizes", out var sizes) || sizes.ValueKind != JsonValueKind.Array || sizes.GetArrayLength() == 0)
        {
            return (null, new AdRequestError(path + ".mediaTypes.banner.sizes", "is required: a non-empty array of [w,h] pairs"));
        }

        var formats = new List<AdFormat>(sizes.GetArrayLength());
        var i = 0;
        foreach (var size in sizes.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Array || size.GetArrayLength() != 2
                || size[0].ValueKind != JsonValueKind.Number || size[1].ValueKind != JsonValueKind.Number
                || !size[0].TryGetInt32(out var w) || !size[1].TryGetInt32(out var h) || w <= 0 || h <= 0 || w > 10_000 || h > 10_000)
            {
                return (null, new AdRequestError($"{path}.mediaTypes.banner.sizes[{i}]", "must be a [w,h] pair of positive integers"));
            }

            formats.Add(new AdFormat(w, h));
            i++;
        }

        string? zone = banner.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        double? floor = null;
        if (unit.TryGetProperty("floor", out var f) || (unit.TryGetProperty("ortb2Imp", out var ortb) && ortb.ValueKind == JsonValueKind.Object && ortb.TryGetProperty("bidfloor", out f)))
        {
            if (f.ValueKind != JsonValueKind.Number || !f.TryGetDouble(out var value) || !double.IsFinite(value) || value < 0)
            {
                return (null, new AdRequestError(path + ".floor", "must be a number of at least 0"));
            }

            floor = value;
        }

        var bidders = new List<KeyValuePair<string, JsonElement>>();
        if (unit.TryGetProperty("bids", out var bids))
        {
            if (bids.ValueKind != JsonValueKind.Array)
            {
                return (null, new AdRequestError(path + ".bids", "must be an array"));
            }

            var j = 0;
            foreach (var bid in bids.EnumerateArray())
            {
                if (bid.ValueKind != JsonValueKind.Object || !bid.TryGetProperty("bidder", out var bidder) || bidder.ValueKind != JsonValueKind.String || bidder.GetString() is not { Length: > 0 } bidderName)
                {
                    return (null, new AdRequestError($"{path}.bids[{j}].bidder", "is required: a string"));
                }

                var parameters = default(JsonElement);
                if (bid.TryGetProperty("params", out var p))
                {
                    if (p.ValueKind != JsonValueKind.Object)
                    {
                        return (null, new AdRequestError($"{path}.bids[{j}].params", "must be an object"));
                    }

                    parameters = p.Clone();
                }

                bidders.Add(new(bidderName, parameters));
                j++;
            }
        }

        return (new AdSlot { Id = id, Formats = formats, FloorPrice = floor, Zone = zone, Bidders = bidders }, null);
    }
}
