using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>
/// Reads APS's answer: a bid is eligible with a known impression, a finite positive USD price, a size the slot asked
/// for, an HTTPS credential-free <c>ext.creativeurl</c> off the publisher's host, and tag type <c>iframe</c> (or
/// <c>script</c> when allowed). One candidate per impression: highest price, then smallest bid id. The winner carries a
/// typed renderer, never markup.
/// </summary>
internal static class ApsResponseParser
{
    public static ProviderResult Parse(ReadOnlySpan<byte> body, AuctionRequest request, ApsOptions options, string publisherDomain)
    {
        if (BidResponseReader.Read(body) is not { } response)
        {
            return ProviderResult.Empty;
        }

        if (response.Cur is { Length: > 0 } cur && cur != "USD")
        {
            throw new ProviderException($"response currency {cur} is not USD");
        }

        var best = new Dictionary<string, (Bid Bid, string Url, string TagType)>(StringComparer.Ordinal);
        var rejected = 0;
        foreach (var seat in response.Seatbid ?? [])
        {
            foreach (var bid in seat.Bid ?? [])
            {
                if (Eligible(bid, request, options, publisherDomain) is not { } candidate)
                {
                    rejected++;
                    continue;
                }

                if (!best.TryGetValue(bid.Impid, out var current) || bid.Price > current.Bid.Price
                    || (bid.Price == current.Bid.Price && string.CompareOrdinal(bid.Id, current.Bid.Id) < 0))
                {
                    best[bid.Impid] = (bid, candidate.Url, candidate.TagType);
                }
            }
        }

        var bids = new List<AuctionBid>(best.Count);
        foreach (var slot in request.Slots)
        {
            if (best.TryGetValue(slot.Id, out var chosen))
            {
                bids.Add(ToBid(chosen.Bid, chosen.Url, chosen.TagType, options));
            }
        }

        return new ProviderResult(bids, rejected > 0 ? new JsonObject { ["rejected_bids"] = rejected } : null);
    }

    private static (string Url, string TagType)? Eligible(Bid bid, AuctionRequest request, ApsOptions options, string publisherDomain)
    {
        var slotIndex = WinnerSelection.IndexOf(request.Slots, bid.Impid);
        if (slotIndex < 0 || bid.Price is not { } price || !double.IsFinite(price) || price <= 0 || bid.W is not > 0 || bid.H is not > 0
            || string.IsNullOrEmpty(bid.Id) || !string.IsNullOrEmpty(bid.Adm))
        {
            return null;
        }

        if (!request.Slots[slotIndex].Formats.Contains(new AdFormat(bid.W.Value, bid.H.Value)))
        {
            return null;
        }

        var url = bid.Ext?["creativeurl"] is JsonValue u && u.TryGetValue<string>(out var s) ? s : null;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0
            || uri.Host.Equals(publisherDomain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var tagType = bid.Ext?["tagtype"] is JsonValue t && t.TryGetValue<string>(out var tt) ? tt : null;
        if (tagType != "iframe" && !(tagType == "script" && options.AllowScriptCreatives))
        {
            return null;
        }

        return (url, tagType);
    }

    private static AuctionBid ToBid(Bid bid, string url, string tagType, ApsOptions options)
    {
        var renderer = new CreativeRenderer
        {
            Type = "aps",
            AccountId = options.AccountId,
            BidId = bid.Id,
            TagType = tagType,
            CreativeUrl = url,
            AaxResponse = Envelope(bid, url, tagType),
            Width = bid.W!.Value,
            Height = bid.H!.Value,
        };
        return new AuctionBid
        {
            SlotId = bid.Impid,
            Price = bid.Price,
            Bidder = "aps",
            Provider = "aps",
            BidId = bid.Id,
            Width = bid.W!.Value,
            Height = bid.H!.Value,
            Adomain = bid.Adomain,
            Crid = bid.Crid,
            Renderer = renderer,
        };
    }

    /// <summary>
    /// The minimal envelope the browser renderer checks, base64: no seat, impid, markup, notifications or unknown fields.
    /// Written straight to the thread's request buffer; a node tree for it cost more than the rest of the answer's parsing.
    /// </summary>
    private static string Envelope(Bid bid, string url, string tagType) =>
        OpenRtbJsonWriter.ToBase64((bid, url, tagType), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteStartArray("seatbid");
            json.WriteStartObject();
            json.WriteStartArray("bid");
            json.WriteStartObject();
            json.WriteString("id", s.bid.Id);
            json.WriteNumber("price", s.bid.Price!.Value);
            json.WriteNumber("w", s.bid.W!.Value);
            json.WriteNumber("h", s.bid.H!.Value);
            json.WriteStartObject("ext");
            json.WriteString("creativeurl", s.url);
            json.WriteString("tagtype", s.tagType);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
}
