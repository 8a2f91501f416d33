using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>The slots of one page: every configured slot with a pattern matching the raw path, in file order.</summary>
public static class PageSlots
{
    /// <summary>
    /// The slots for <paramref name="rawPath"/> (the path as requested, not percent-decoded, without the query). A slot
    /// whose rendered ad unit path is over the dynamic limit is left out and named in <paramref name="dropped"/>.
    /// </summary>
    public static IReadOnlyList<MatchedSlot> Match(CreativeOpportunitiesOptions options, string rawPath, List<string>? dropped = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rawPath);
        List<MatchedSlot>? matched = null;
        string? section = null;
        string Section() => section ??= SectionName.From(rawPath, options.SectionSegment) ?? options.SectionRoot ?? string.Empty;
        foreach (var slot in options.Slots)
        {
            if (!slot.PagePatterns.Any(p => PagePattern.Matches(p, rawPath)))
            {
                continue;
            }

            var path = GamUnitPath.Render(slot.GamUnitPath, options.GamNetworkId ?? string.Empty, slot.Id, Section);
            if (path is null)
            {
                dropped?.Add(slot.Id);
                continue;
            }

            (matched ??= []).Add(new MatchedSlot
            {
                Id = slot.Id,
                GamUnitPath = path,
                DivId = slot.DivId,
                Formats = slot.Formats,
                Targeting = slot.Targeting,
                FloorPrice = slot.FloorPrice,
                Providers = slot.Providers,
            });
        }

        return matched ?? (IReadOnlyList<MatchedSlot>)[];
    }

    /// <summary>Does any slot match, before rendering (the cheap first test of the gate)?</summary>
    public static bool AnyPatternMatches(CreativeOpportunitiesOptions options, string rawPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var slot in options.Slots)
        {
            foreach (var pattern in slot.PagePatterns)
            {
                if (PagePattern.Matches(pattern, rawPath))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
