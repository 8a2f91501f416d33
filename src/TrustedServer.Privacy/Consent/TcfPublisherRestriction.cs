namespace TrustedServer.Privacy.Consent;

/// <summary>
/// One publisher restriction (purpose, type) with the vendors it covers. Vendors are kept as the encoded
/// ranges, not expanded, so a hostile string with many wide ranges costs memory in proportion to its length.
/// Entries with the same purpose and type are merged, as the IAB reference decoder does.
/// </summary>
public sealed class TcfPublisherRestriction
{
    internal TcfPublisherRestriction(int purposeId, TcfRestrictionType restrictionType, List<VendorRange> ranges)
    {
        PurposeId = purposeId;
        RestrictionType = restrictionType;
        Ranges = ranges;
    }

    /// <summary>The restricted purpose (1 to 63).</summary>
    public int PurposeId { get; }

    /// <summary>The restriction's type.</summary>
    public TcfRestrictionType RestrictionType { get; }

    /// <summary>The vendor ranges as encoded (possibly overlapping, in encoded order).</summary>
    public IReadOnlyList<VendorRange> Ranges { get; }

    internal List<VendorRange> MutableRanges => (List<VendorRange>)Ranges;

    /// <summary>True when the restriction covers <paramref name="vendorId"/>.</summary>
    public bool Contains(int vendorId)
    {
        foreach (var r in Ranges)
        {
            if (vendorId >= r.Start && vendorId <= r.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The covered vendor ranges sorted and merged (adjacent or overlapping ranges joined).</summary>
    public IReadOnlyList<VendorRange> NormalizedRanges()
    {
        var sorted = Ranges.OrderBy(r => r.Start).ToList();
        var merged = new List<VendorRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
            {
                var last = merged[^1];
                merged[^1] = last with { End = Math.Max(last.End, r.End) };
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }
}
