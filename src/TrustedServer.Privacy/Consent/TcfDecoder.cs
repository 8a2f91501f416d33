using System.Diagnostics.CodeAnalysis;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Decodes IAB TCF v2 TC strings (core segment plus disclosed-vendors, allowed-vendors and publisher TC
/// segments). Never throws on bad input: hostile strings are rejected by length, alphabet and structure checks
/// before anything proportional to a claimed size is allocated.
/// </summary>
public static class TcfDecoder
{
    /// <summary>Longest TC string accepted (8 KiB).</summary>
    public const int MaxLength = 8 * 1024;

    private const int SegmentCore = 0;

    private const int SegmentDisclosed = 1;
    private const int SegmentAllowed = 2;
    private const int SegmentPublisherTc = 3;

    // Every two-letter code, built once, so decoding a language or country allocates nothing.
    private static readonly string[] LetterPairs = Enumerable.Range(0, 26 * 26)
        .Select(i => string.Concat((char)('A' + (i / 26)), (char)('A' + (i % 26))))
        .ToArray();

    /// <summary>Decodes a TC string.</summary>
    /// <param name="input">The TC string, e.g. the value of the <c>euconsent-v2</c> cookie.</param>
    /// <param name="consent">The decoded string, or null on failure.</param>
    /// <param name="error">Why decoding failed (never contains the input), or null on success.</param>
    /// <returns>True when the string is a well-formed TCF v2 string.</returns>
    public static bool TryDecode(ReadOnlySpan<char> input, [NotNullWhen(true)] out TcfConsent? consent, [NotNullWhen(false)] out string? error)
    {
        consent = null;
        if (input.IsEmpty)
        {
            error = "empty TC string";
            return false;
        }

        if (input.Length > MaxLength)
        {
            error = "TC string longer than " + MaxLength + " characters";
            return false;
        }

        var rest = input;
        var coreText = NextSegment(ref rest, out var more);
        if (coreText.IsEmpty || !Base64UrlBitReader.IsValid(coreText))
        {
            error = "core segment is empty or not base64url";
            return false;
        }

        if (!TryDecodeCore(coreText, out var core, out error))
        {
            return false;
        }

        IdSet? disclosed = null;
        IdSet? allowed = null;
        TcfPublisherTc? publisherTc = null;
        while (more)
        {
            var segment = NextSegment(ref rest, out more);
            if (segment.IsEmpty || !Base64UrlBitReader.IsValid(segment))
            {
                error = "optional segment is empty or not base64url";
                return false;
            }

            var reader = new Base64UrlBitReader(segment);
            if (!reader.TryReadInt(3, out var type))
            {
                error = "segment type truncated";
                return false;
            }

            switch (type)
            {
                case SegmentDisclosed when disclosed is null:
                    if (!TryReadVendorVector(ref reader, out disclosed, out _, out error))
                    {
                        return false;
                    }

                    break;
                case SegmentAllowed when allowed is null:
                    if (!TryReadVendorVector(ref reader, out allowed, out _, out error))
                    {
                        return false;
                    }

                    break;
                case SegmentPublisherTc when publisherTc is null:
                    if (!TryReadPublisherTc(ref reader, out publisherTc, out error))
                    {
                        return false;
                    }

                    break;
                default:
                    error = type == SegmentCore ? "second core segment" : "unknown or repeated segment type " + type;
                    return false;
            }
        }

        core.VendorsDisclosed = disclosed;
        core.VendorsAllowed = allowed;
        core.PublisherTc = publisherTc;
        consent = core;
        error = null;
        return true;
    }

    internal static ReadOnlySpan<char> NextSegment(ref ReadOnlySpan<char> rest, out bool more)
    {
        var dot = rest.IndexOf('.');
        more = dot >= 0;
        ReadOnlySpan<char> segment;
        if (dot < 0)
        {
            segment = rest;
            rest = [];
        }
        else
        {
            segment = rest[..dot];
            rest = rest[(dot + 1)..];
        }

        return segment;
    }

    private static bool TryDecodeCore(ReadOnlySpan<char> text, out TcfConsent core, [NotNullWhen(false)] out string? error)
    {
        core = null!;
        var r = new Base64UrlBitReader(text);
        if (!r.TryReadInt(6, out var version) || version != 2)
        {
            error = "not a TCF v2 string";
            return false;
        }

        if (!(r.TryReadBits(36, out var created)
            && r.TryReadBits(36, out var lastUpdated)
            && r.TryReadInt(12, out var cmpId)
            && r.TryReadInt(12, out var cmpVersion)
            && r.TryReadInt(6, out var consentScreen)
            && TryReadLetters(ref r, out var language)
            && r.TryReadInt(12, out var vendorListVersion)
            && r.TryReadInt(6, out var policyVersion)
            && r.TryReadBool(out var isServiceSpecific)
            && r.TryReadBool(out var useNonStandardStacks)
            && TryReadFixedSet(ref r, 12, out var specialFeatures)
            && TryReadFixedSet(ref r, 24, out var purposeConsents)
            && TryReadFixedSet(ref r, 24, out var purposeLis)
            && r.TryReadBool(out var purposeOneTreatment)
            && TryReadLetters(ref r, out var country)))
        {
            error = "core segment truncated or has an invalid language/country code";
            return false;
        }

        if (!TryReadVendorVector(ref r, out var vendorConsents, out var consentEncoding, out error)
            || !TryReadVendorVector(ref r, out var vendorLis, out var liEncoding, out error)
            || !TryReadRestrictions(ref r, out var restrictions, out error))
        {
            return false;
        }

        core = new TcfConsent
        {
            Version = version,
            Created = DateTimeOffset.FromUnixTimeMilliseconds(created * 100),
            LastUpdated = DateTimeOffset.FromUnixTimeMilliseconds(lastUpdated * 100),
            LastUpdatedDeciseconds = lastUpdated,
            CmpId = cmpId,
            CmpVersion = cmpVersion,
            ConsentScreen = consentScreen,
            ConsentLanguage = language,
            VendorListVersion = vendorListVersion,
            PolicyVersion = policyVersion,
            IsServiceSpecific = isServiceSpecific,
            UseNonStandardStacks = useNonStandardStacks,
            SpecialFeatureOptins = specialFeatures,
            PurposeConsents = purposeConsents,
            PurposeLegitimateInterests = purposeLis,
            PurposeOneTreatment = purposeOneTreatment,
            PublisherCountryCode = country,
            VendorConsents = vendorConsents,
            VendorConsentsEncoding = consentEncoding,
            VendorLegitimateInterests = vendorLis,
            VendorLegitimateInterestsEncoding = liEncoding,
            PublisherRestrictions = restrictions,
        };
        return true;
    }

    private static bool TryReadLetters(ref Base64UrlBitReader r, out string letters)
    {
        letters = string.Empty;
        if (!r.TryReadInt(6, out var a) || !r.TryReadInt(6, out var b) || a > 25 || b > 25)
        {
            return false;
        }

        letters = LetterPairs[(a * 26) + b];
        return true;
    }

    private static bool TryReadFixedSet(ref Base64UrlBitReader r, int bits, out IdSet set)
    {
        set = IdSet.Empty;
        if (r.Remaining < bits)
        {
            return false;
        }

        set = new IdSet(bits);
        return r.TryReadBitField(set, 1, bits);
    }

    internal static bool TryReadVendorVector(ref Base64UrlBitReader r, out IdSet set, out TcfVendorEncoding encoding, [NotNullWhen(false)] out string? error)
    {
        set = IdSet.Empty;
        encoding = TcfVendorEncoding.BitField;
        if (!r.TryReadInt(16, out var maxId) || !r.TryReadBool(out var isRange))
        {
            error = "vendor vector header truncated";
            return false;
        }

        if (!isRange)
        {
            // Check the claimed size against the bits actually present before allocating for it.
            if (r.Remaining < maxId)
            {
                error = "vendor bit field truncated";
                return false;
            }

            set = new IdSet(maxId);
            r.TryReadBitField(set, 1, maxId);
            error = null;
            return true;
        }

        encoding = TcfVendorEncoding.Range;
        if (!r.TryReadInt(12, out var numEntries) || r.Remaining < numEntries * 17)
        {
            error = "vendor range entries truncated";
            return false;
        }

        set = new IdSet(maxId);
        for (var i = 0; i < numEntries; i++)
        {
            if (!TryReadRangeEntry(ref r, out var range))
            {
                error = "vendor range entry truncated or inverted";
                return false;
            }

            // Ids beyond maxVendorId are clamped away: the set is sized by the declared maximum.
            var end = Math.Min(range.End, maxId);
            if (range.Start <= end)
            {
                set.AddRange(range.Start, end);
            }
        }

        error = null;
        return true;
    }

    private static bool TryReadRangeEntry(ref Base64UrlBitReader r, out VendorRange range)
    {
        range = default;
        if (!r.TryReadBool(out var isRange) || !r.TryReadInt(16, out var start))
        {
            return false;
        }

        var end = start;
        if (isRange && !r.TryReadInt(16, out end))
        {
            return false;
        }

        range = new VendorRange(start, end);
        return start >= 1 && end >= start;
    }

    private static bool TryReadRestrictions(ref Base64UrlBitReader r, out IReadOnlyList<TcfPublisherRestriction> restrictions, [NotNullWhen(false)] out string? error)
    {
        restrictions = [];
        if (!r.TryReadInt(12, out var count))
        {
            error = "publisher restrictions truncated";
            return false;
        }

        if (count == 0)
        {
            error = null;
            return true;
        }

        // Each restriction needs at least 20 bits, so the count is bounded by the string's own length.
        if (r.Remaining < count * 20)
        {
            error = "publisher restrictions truncated";
            return false;
        }

        var list = new List<TcfPublisherRestriction>();
        for (var i = 0; i < count; i++)
        {
            if (!r.TryReadInt(6, out var purposeId) || !r.TryReadInt(2, out var type) || !r.TryReadInt(12, out var numEntries)
                || r.Remaining < numEntries * 17)
            {
                error = "publisher restriction truncated";
                return false;
            }

            var target = list.Find(x => x.PurposeId == purposeId && (int)x.RestrictionType == type);
            if (target is null)
            {
                target = new TcfPublisherRestriction(purposeId, (TcfRestrictionType)type, new List<VendorRange>(numEntries));
                list.Add(target);
            }

            for (var e = 0; e < numEntries; e++)
            {
                if (!TryReadRangeEntry(ref r, out var range))
                {
                    error = "publisher restriction entry truncated or inverted";
                    return false;
                }

                target.MutableRanges.Add(range);
            }
        }

        restrictions = list;
        error = null;
        return true;
    }

    private static bool TryReadPublisherTc(ref Base64UrlBitReader r, out TcfPublisherTc? publisherTc, [NotNullWhen(false)] out string? error)
    {
        publisherTc = null;
        if (!TryReadFixedSet(ref r, 24, out var consents) || !TryReadFixedSet(ref r, 24, out var lis)
            || !r.TryReadInt(6, out var numCustom)
            || !TryReadFixedSet(ref r, numCustom, out var customConsents) || !TryReadFixedSet(ref r, numCustom, out var customLis))
        {
            error = "publisher TC segment truncated";
            return false;
        }

        publisherTc = new TcfPublisherTc
        {
            PublisherConsents = consents,
            PublisherLegitimateInterests = lis,
            NumCustomPurposes = numCustom,
            PublisherCustomConsents = customConsents,
            PublisherCustomLegitimateInterests = customLis,
        };
        error = null;
        return true;
    }
}
