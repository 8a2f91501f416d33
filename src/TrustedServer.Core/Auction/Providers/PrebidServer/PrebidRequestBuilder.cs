using System.Text.Json.Nodes;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Providers.PrebidServer;

/// <summary>Builds the OpenRTB 2.6 request sent to Prebid Server for one auction.</summary>
internal static class PrebidRequestBuilder
{
    private static readonly string[] Usd = ["USD"];

    /// <summary>The request, or null when no slot has a server-side bidder (nothing to ask).</summary>
    public static BidRequest? Build(AuctionRequest request, PrebidOptions options, TimeSpan budget, BidRequestSignature? signature)
    {
        var imps = new List<Imp>(request.Slots.Count);
        foreach (var slot in request.Slots)
        {
            if (PrebidBidParams.For(slot, options) is not { } bidders)
            {
                continue;
            }

            imps.Add(new Imp
            {
                Id = slot.Id,
                Tagid = slot.Id,
                Banner = new Banner { Format = [.. slot.Formats.Select(f => new Format { W = f.Width, H = f.Height })] },
                Bidfloor = slot.FloorPrice,
                Bidfloorcur = slot.FloorPrice is null ? null : "USD",
                Ext = new JsonObject { ["prebid"] = new JsonObject { ["bidder"] = bidders } },
            });
        }

        if (imps.Count == 0)
        {
            return null;
        }

        var ext = new JsonObject();
        if (options.Debug)
        {
            ext["prebid"] = new JsonObject { ["debug"] = true, ["returnallbidstatus"] = true };
        }

        if (signature is not null)
        {
            ext["trusted_server"] = new JsonObject
            {
                ["version"] = signature.Version,
                ["signature"] = signature.Signature,
                ["kid"] = signature.Kid,
                ["request_host"] = signature.RequestHost,
                ["request_scheme"] = signature.RequestScheme,
                ["ts"] = signature.Ts,
            };
        }

        return new BidRequest
        {
            Id = request.Id,
            Imp = imps,
            Site = Site(request, options),
            User = User(request, options.ConsentForwarding),
            Device = Device(request.Device),
            Regs = Regs(request.Privacy, options.ConsentForwarding),
            Tmax = (int)Math.Max(1, Math.Floor(budget.TotalMilliseconds)),
            Cur = Usd,
            Test = options.TestMode ? 1 : null,
            Ext = ext.Count == 0 ? null : ext,
        };
    }

    private static Site Site(AuctionRequest request, PrebidOptions options)
    {
        var page = request.PageUrl;
        if (options.DebugQueryParams is { } debug)
        {
            page += (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + debug;
        }

        return new Site
        {
            Domain = request.PublisherDomain,
            Page = page,
            Ref = request.PageUrl,
            Publisher = new Publisher { Domain = request.PublisherDomain },
        };
    }

    private static User? User(AuctionRequest request, ConsentForwarding forwarding)
    {
        // In cookies_only the TC and AC strings reach Prebid Server in the forwarded cookies they came from.
        var inBody = forwarding != ConsentForwarding.CookiesOnly;
        var consent = inBody ? request.Privacy.TcString : null;
        var ext = new JsonObject();
        if (consent is not null)
        {
            ext["consent"] = consent;
        }

        if (inBody && request.Privacy.AdditionalConsent is { } ac)
        {
            ext["ConsentedProvidersSettings"] = new JsonObject { ["consented_providers"] = ac };
        }

        if (request.Eids is { Count: > 0 } eids)
        {
            var list = new JsonArray();
            foreach (var eid in eids)
            {
                var uids = new JsonArray();
                foreach (var uid in eid.Uids)
                {
                    uids.Add(new JsonObject { ["id"] = uid.Id, ["atype"] = uid.Atype });
                }

                list.Add(new JsonObject { ["source"] = eid.Source, ["uids"] = uids });
            }

            ext["eids"] = list;
        }

        if (request.EcId is null && consent is null && ext.Count == 0)
        {
            return null;
        }

        return new User
        {
            Id = request.EcId,
            Consent = consent,
            Ext = ext.Count == 0 ? null : ext,
        };
    }

    private static Device Device(AuctionDevice device)
    {
        OpenRtb.Geo? geo = null;
        if (device.Country is not null || device.Region is not null)
        {
            geo = new OpenRtb.Geo
            {
                Country = CountryCodes.ToAlpha3(device.Country) ?? device.Country,
                Region = device.Region,
                Type = 2,
            };
        }

        var ip = device.Ip;
        var v6 = ip is not null && ip.Contains(':', StringComparison.Ordinal);
        return new Device
        {
            Ua = device.UserAgent,
            Ip = v6 ? null : ip,
            Ipv6 = v6 ? ip : null,
            Geo = geo,
            Dnt = device.DoNotTrack ? 1 : null,
            Language = device.Language,
        };
    }

    /// <summary>
    /// GDPR (1/0, left out when unknown), US Privacy, GPP and GPC; mirrored into <c>regs.ext</c>; null without consent
    /// data. In cookies_only the strings read from cookies are left out; the GDPR flag (from geo), GPC (a header) and a
    /// US Privacy string synthesised from GPC have no cookie to travel in and stay.
    /// </summary>
    private static Regs? Regs(AuctionPrivacy privacy, ConsentForwarding forwarding)
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
            return null;
        }

        int? gdpr = privacy.Gdpr is { } applies ? (applies ? 1 : 0) : null;
        var ext = new JsonObject();
        if (gdpr is { } g)
        {
            ext["gdpr"] = g;
        }

        if (privacy.UsPrivacy is { } usp)
        {
            ext["us_privacy"] = usp;
        }

        if (privacy.Gpp is { } gpp)
        {
            ext["gpp"] = gpp;
        }

        if (privacy.GppSectionIds is { Count: > 0 } sids)
        {
            ext["gpp_sid"] = new JsonArray([.. sids.Select(s => (JsonNode)s)]);
        }

        if (privacy.Gpc)
        {
            ext["gpc"] = "1";
        }

        return new Regs
        {
            Gdpr = gdpr,
            UsPrivacy = privacy.UsPrivacy,
            Gpp = privacy.Gpp,
            GppSid = privacy.GppSectionIds is { Count: > 0 } ? privacy.GppSectionIds : null,
            Ext = ext.Count == 0 ? null : ext,
        };
    }
}
