using System.Text.Json;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>Writes the OpenRTB 2.6 request sent to Prebid Server for one auction.</summary>
internal static class PrebidRequestWriter
{
    /// <summary>The request body, or null when no slot has a server-side bidder (nothing to ask).</summary>
    public static byte[]? Write(AuctionRequest request, PrebidOptions options, TimeSpan budget, BidRequestSignature? signature)
    {
        var any = false;
        for (var i = 0; i < request.Slots.Count && !any; i++)
        {
            any = PrebidBidParams.Any(request.Slots[i], options);
        }

        return any ? OpenRtbJsonWriter.ToUtf8Bytes((request, options, budget, signature), static (w, s) => Write(w, s.request, s.options, s.budget, s.signature)) : null;
    }

    private static void Write(Utf8JsonWriter writer, AuctionRequest request, PrebidOptions options, TimeSpan budget, BidRequestSignature? signature)
    {
        writer.WriteStartObject();
        writer.WriteString("id", request.Id);
        writer.WriteStartArray("imp");
        for (var i = 0; i < request.Slots.Count; i++)
        {
            var slot = request.Slots[i];
            if (!PrebidBidParams.Any(slot, options))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("id", slot.Id);
            OpenRtbJsonWriter.WriteBanner(writer, slot.Formats);
            writer.WriteString("tagid", slot.Id);
            OpenRtbJsonWriter.WriteFloor(writer, slot.FloorPrice);
            writer.WriteStartObject("ext");
            writer.WriteStartObject("prebid");
            PrebidBidParams.Write(writer, slot, options);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var page = request.PageUrl;
        if (options.DebugQueryParams is { } debug)
        {
            page += (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + debug;
        }

        OpenRtbJsonWriter.WriteSite(writer, request.PublisherDomain, page, request.PageUrl);
        WriteDevice(writer, request.Device);
        WriteUser(writer, request, options.ConsentForwarding);
        if (options.TestMode)
        {
            writer.WriteNumber("test", 1);
        }

        writer.WriteNumber("tmax", (int)Math.Max(1, Math.Floor(budget.TotalMilliseconds)));
        writer.WriteStartArray("cur");
        writer.WriteStringValue("USD");
        writer.WriteEndArray();
        WriteRegs(writer, request.Privacy, options.ConsentForwarding);
        if (options.Debug || signature is not null)
        {
            writer.WriteStartObject("ext");
            if (options.Debug)
            {
                writer.WriteStartObject("prebid");
                writer.WriteBoolean("debug", true);
                writer.WriteBoolean("returnallbidstatus", true);
                writer.WriteEndObject();
            }

            if (signature is not null)
            {
                writer.WriteStartObject("trusted_server");
                writer.WriteString("version", signature.Version);
                writer.WriteString("signature", signature.Signature);
                writer.WriteString("kid", signature.Kid);
                writer.WriteString("request_host", signature.RequestHost);
                writer.WriteString("request_scheme", signature.RequestScheme);
                writer.WriteNumber("ts", signature.Ts);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteDevice(Utf8JsonWriter writer, AuctionDevice device)
    {
        writer.WriteStartObject("device");
        if (device.UserAgent is { } ua)
        {
            writer.WriteString("ua", ua);
        }

        if (device.Country is not null || device.Region is not null)
        {
            OpenRtbJsonWriter.WriteGeo(writer, device);
        }

        if (device.DoNotTrack)
        {
            writer.WriteNumber("dnt", 1);
        }

        if (device.Ip is { } ip)
        {
            writer.WriteString(ip.Contains(':', StringComparison.Ordinal) ? "ipv6" : "ip", ip);
        }

        if (device.Language is { } language)
        {
            writer.WriteString("language", language);
        }

        writer.WriteEndObject();
    }

    /// <summary>The Edge Cookie ID, the TC string (also in <c>ext</c>), Additional Consent and EIDs; absent with none of them.</summary>
    private static void WriteUser(Utf8JsonWriter writer, AuctionRequest request, ConsentForwarding forwarding)
    {
        // In cookies_only the TC and AC strings reach Prebid Server in the forwarded cookies they came from.
        var inBody = forwarding != ConsentForwarding.CookiesOnly;
        var consent = inBody ? request.Privacy.TcString : null;
        var additional = inBody ? request.Privacy.AdditionalConsent : null;
        var eids = request.Eids is { Count: > 0 } e ? e : null;
        if (request.EcId is null && consent is null && additional is null && eids is null)
        {
            return;
        }

        writer.WriteStartObject("user");
        if (request.EcId is { } id)
        {
            writer.WriteString("id", id);
        }

        if (consent is not null)
        {
            writer.WriteString("consent", consent);
        }

        if (consent is not null || additional is not null || eids is not null)
        {
            writer.WriteStartObject("ext");
            if (consent is not null)
            {
                writer.WriteString("consent", consent);
            }

            if (additional is not null)
            {
                writer.WriteStartObject("ConsentedProvidersSettings");
                writer.WriteString("consented_providers", additional);
                writer.WriteEndObject();
            }

            if (eids is not null)
            {
                OpenRtbJsonWriter.WriteEids(writer, eids);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// GDPR (1/0, left out when unknown), US Privacy, GPP and GPC; mirrored into <c>regs.ext</c>; absent without consent
    /// data. In cookies_only the strings read from cookies are left out; the GDPR flag (from geo), GPC (a header) and a
    /// US Privacy string synthesised from GPC have no cookie to travel in and stay.
    /// </summary>
    private static void WriteRegs(Utf8JsonWriter writer, AuctionPrivacy privacy, ConsentForwarding forwarding)
    {
        if (forwarding == ConsentForwarding.CookiesOnly)
        {
            privacy = privacy with
            {
                TcString = null,
                UsPrivacy = privacy.UsPrivacySynthesized ? privacy.UsPrivacy : null,
                Gpp = null,
                GppSectionIds = null,
            };
        }

        if (!privacy.HasData)
        {
            return;
        }

        writer.WriteStartObject("regs");
        OpenRtbJsonWriter.WriteRegsFields(writer, privacy);
        if (privacy.Gdpr is not null || privacy.UsPrivacy is not null || privacy.Gpp is not null || privacy.GppSectionIds is { Count: > 0 } || privacy.Gpc)
        {
            writer.WriteStartObject("ext");
            OpenRtbJsonWriter.WriteRegsFields(writer, privacy);
            if (privacy.Gpc)
            {
                writer.WriteString("gpc", "1");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
