using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>
/// APS's own OpenRTB banner request: secure impressions with the slot floors, <c>ext.account</c> and <c>ext.sdk</c>, the
/// validated page (inventory identity from configuration only), device without precise location, consent and the
/// EIDs consent allows. No Prebid-only extensions.
/// </summary>
internal static class ApsRequestWriter
{
    public static byte[] Write(AuctionRequest request, ApsOptions options, TimeSpan budget) =>
        OpenRtbJsonWriter.ToUtf8Bytes((request, options, budget), static (w, s) => Write(w, s.request, s.options, s.budget));

    private static void Write(Utf8JsonWriter writer, AuctionRequest request, ApsOptions options, TimeSpan budget)
    {
        writer.WriteStartObject();
        writer.WriteString("id", request.Id);
        writer.WriteStartArray("imp");
        for (var i = 0; i < request.Slots.Count; i++)
        {
            var slot = request.Slots[i];
            writer.WriteStartObject();
            writer.WriteString("id", slot.Id);
            OpenRtbJsonWriter.WriteBanner(writer, slot.Formats);
            OpenRtbJsonWriter.WriteFloor(writer, slot.FloorPrice);
            writer.WriteNumber("secure", 1);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var domain = options.InventoryDomain ?? request.PublisherDomain;
        var page = request.PageUrl;
        if (options.InventoryPageOrigin is { } origin && Uri.TryCreate(page, UriKind.Absolute, out var pageUri))
        {
            page = new Uri(origin, pageUri.AbsolutePath).GetLeftPart(UriPartial.Path);
        }

        OpenRtbJsonWriter.WriteSite(writer, domain, page, referrer: null);
        WriteDevice(writer, request.Device);
        var privacy = request.Privacy;
        var eids = request.Eids is { Count: > 0 } e ? e : null;
        if (privacy.TcString is not null || eids is not null)
        {
            writer.WriteStartObject("user");
            if (privacy.TcString is { } consent)
            {
                writer.WriteString("consent", consent);
            }

            if (eids is not null)
            {
                OpenRtbJsonWriter.WriteEids(writer, eids);
            }

            writer.WriteEndObject();
        }

        writer.WriteNumber("tmax", (int)Math.Max(1, Math.Floor(budget.TotalMilliseconds)));
        writer.WriteStartArray("cur");
        writer.WriteStringValue("USD");
        writer.WriteEndArray();
        if (privacy.HasData)
        {
            writer.WriteStartObject("regs");
            OpenRtbJsonWriter.WriteRegsFields(writer, privacy);
            if (privacy.Gpc)
            {
                writer.WriteStartObject("ext");
                writer.WriteString("gpc", "1");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject("ext");
        writer.WriteString("account", options.AccountId);
        writer.WriteStartObject("sdk");
        writer.WriteString("source", "prebid");
        writer.WriteString("version", "2.2.0");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter writer, AuctionDevice device)
    {
        writer.WriteStartObject("device");
        if (device.UserAgent is { } ua)
        {
            writer.WriteString("ua", ua);
        }

        if (device.Country is not null)
        {
            OpenRtbJsonWriter.WriteGeo(writer, device);
        }

        if (device.DoNotTrack)
        {
            writer.WriteNumber("dnt", 1);
        }

        if (device.Ip is { } ip)
        {
            writer.WriteString("ip", ip);
        }

        if (device.Language is { } language)
        {
            writer.WriteString("language", language);
        }

        writer.WriteEndObject();
    }
}
