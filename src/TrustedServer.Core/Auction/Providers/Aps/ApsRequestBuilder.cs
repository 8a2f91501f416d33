using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.Aps;

/// <summary>
/// APS's own OpenRTB banner request: secure impressions with the slot floors, <c>ext.account</c> and <c>ext.sdk</c>, the
/// validated page (inventory identity from configuration only), device without precise location, consent and the
/// EIDs consent allows. No Prebid-only extensions.
/// </summary>
internal static class ApsRequestBuilder
{
    private static readonly string[] Usd = ["USD"];

    public static BidRequest Build(AuctionRequest request, ApsOptions options, TimeSpan budget)
    {
        var imps = request.Slots.Select(slot => new Imp
        {
            Id = slot.Id,
            Secure = 1,
            Banner = new Banner { Format = [.. slot.Formats.Select(f => new Format { W = f.Width, H = f.Height })] },
            Bidfloor = slot.FloorPrice,
            Bidfloorcur = slot.FloorPrice is null ? null : "USD",
        }).ToList();

        var domain = options.InventoryDomain ?? request.PublisherDomain;
        var page = request.PageUrl;
        if (options.InventoryPageOrigin is { } origin && Uri.TryCreate(page, UriKind.Absolute, out var pageUri))
        {
            page = new Uri(origin, pageUri.AbsolutePath).GetLeftPart(UriPartial.Path);
        }

        var privacy = request.Privacy;
        User? user = null;
        if (privacy.TcString is not null || request.Eids is { Count: > 0 })
        {
            user = new User
            {
                Consent = privacy.TcString,
                Eids = request.Eids is { Count: > 0 } ? request.Eids : null,
            };
        }

        return new BidRequest
        {
            Id = request.Id,
            Imp = imps,
            Site = new Site { Domain = domain, Page = page, Publisher = new Publisher { Domain = domain } },
            Device = new Device
            {
                Ua = request.Device.UserAgent,
                Ip = request.Device.Ip,
                Dnt = request.Device.DoNotTrack ? 1 : null,
                Language = request.Device.Language,
                Geo = request.Device.Country is null ? null : new OpenRtb.Geo { Country = CountryCodes.ToAlpha3(request.Device.Country) ?? request.Device.Country, Region = request.Device.Region, Type = 2 },
            },
            User = user,
            Regs = privacy.HasData
                ? new Regs
                {
                    Gdpr = privacy.Gdpr is { } g ? (g ? 1 : 0) : null,
                    UsPrivacy = privacy.UsPrivacy,
                    Gpp = privacy.Gpp,
                    GppSid = privacy.GppSectionIds is { Count: > 0 } ? privacy.GppSectionIds : null,
                    Ext = privacy.Gpc ? new JsonObject { ["gpc"] = "1" } : null,
                }
                : null,
            Tmax = (int)Math.Max(1, Math.Floor(budget.TotalMilliseconds)),
            Cur = Usd,
            Ext = new JsonObject
            {
                ["account"] = options.AccountId,
                ["sdk"] = new JsonObject { ["source"] = "prebid", ["version"] = "2.2.0" },
            },
        };
    }
}
