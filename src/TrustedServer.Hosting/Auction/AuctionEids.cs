using System.Text;
using System.Text.Json;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.OpenRtb;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// The auction's EIDs: the stored partner IDs of partners with <c>bidstream_enabled</c>, merged with the body's
/// <c>eids</c> (or the <c>ts-eids</c> cookie), de-duplicated by source and id, within the parser's limits. The
/// <c>x-ts-eids</c> header carries them as base64 JSON of at most 4 KiB, trimmed from the end.
/// </summary>
internal static class AuctionEids
{
    public const string CookieName = "ts-eids";
    public const int MaxHeaderChars = 4096;

    public static async Task<List<Eid>> ResolveAsync(string? ecId, IReadOnlyList<Eid>? bodyEids, string? cookie, TrustedServerOptions options, IIdentityStore? store, ILogger logger, CancellationToken cancellationToken)
    {
        var merged = new List<Eid>();
        if (ecId is not null && store is not null && options.Ec.Partners.Any(p => p.BidstreamEnabled))
        {
            try
            {
                var stored = await store.GetAsync(ecId, cancellationToken).AsTask().WaitAsync(options.Ec.StoreTimeout, cancellationToken).ConfigureAwait(false);
                if (stored is { Record.IsTombstone: false } entry)
                {
                    foreach (var partner in options.Ec.Partners.Where(p => p.BidstreamEnabled))
                    {
                        if (entry.Record.Ids.GetValueOrDefault(partner.SourceDomain)?.Uid is { } uid)
                        {
                            merged.Add(new Eid { Source = partner.SourceDomain, Uids = [new Uid { Id = uid, Atype = partner.OpenRtbAtype }] });
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IdentityStoreException or TimeoutException)
            {
                AuctionLog.StoreUnavailable(logger, ex.GetType().Name);
            }
        }

        var provided = bodyEids ?? FromCookie(cookie);
        merged.AddRange(provided ?? []);
        return Deduplicate(merged);
    }

    /// <summary>The <c>x-ts-eids</c> value (the longest prefix of the list that fits) and whether it was trimmed.</summary>
    public static (string? Value, bool Truncated) Header(IReadOnlyList<Eid> eids)
    {
        if (eids.Count == 0)
        {
            return (null, false);
        }

        var full = Encode(eids, eids.Count);
        if (full.Length <= MaxHeaderChars)
        {
            return (full, false);
        }

        int low = 0, high = eids.Count - 1;
        string? best = null;
        while (low <= high)
        {
            var mid = (low + high + 1) / 2;
            if (mid == 0)
            {
                break;
            }

            var candidate = Encode(eids, mid);
            if (candidate.Length <= MaxHeaderChars)
            {
                best = candidate;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return (best, true);
    }

    private static string Encode(IReadOnlyList<Eid> eids, int count) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(eids.Take(count).ToList(), AuctionJsonContext.Default.ListEid));

    private static List<Eid>? FromCookie(string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 16 * 1024)
        {
            return null;
        }

        try
        {
            var text = cookie.Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
            return AdRequestParser.ReadEids(document.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static List<Eid> Deduplicate(List<Eid> eids)
    {
        var result = new List<Eid>();
        var seen = new HashSet<(string, string)>();
        foreach (var eid in eids)
        {
            var existing = result.FindIndex(e => e.Source == eid.Source);
            var uids = new List<Uid>(existing >= 0 ? result[existing].Uids : []);
            foreach (var uid in eid.Uids)
            {
                if (uids.Count < AdRequestParser.MaxUidsPerSource && seen.Add((eid.Source, uid.Id)))
                {
                    uids.Add(uid);
                }
            }

            if (existing >= 0)
            {
                result[existing] = result[existing] with { Uids = uids };
            }
            else if (uids.Count > 0 && result.Count < AdRequestParser.MaxEidSources)
            {
                result.Add(eid with { Uids = uids });
            }
        }

        return result;
    }
}
