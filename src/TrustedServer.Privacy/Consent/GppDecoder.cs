using System.Diagnostics.CodeAnalysis;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Decodes IAB GPP strings: the header, EU TCF v2 (id 2), US Privacy (id 6) and the US national and state
/// sections (ids 7 to 27). Unknown sections are kept raw; a section that fails to decode is reported and left
/// out, while a bad header fails the whole string. Never throws on bad input.
/// </summary>
public static class GppDecoder
{
    /// <summary>Longest GPP string accepted (16 KiB).</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Most section ids a header may list; real strings carry a handful.</summary>
    public const int MaxSections = 32;

    private const int TcfEuV2Id = 2;

    // Real section ids are small; anything larger is hostile and must not wrap when narrowed to int.
    private const int MaxSectionId = 1000;
    private const int UspV1Id = 6;

    /// <summary>Decodes a GPP string such as the value of the <c>__gpp</c> cookie.</summary>
    public static bool TryDecode(ReadOnlySpan<char> input, [NotNullWhen(true)] out GppConsent? consent, [NotNullWhen(false)] out string? error)
    {
        consent = null;
        if (input.IsEmpty || input.Length > MaxLength)
        {
            error = input.IsEmpty ? "empty GPP string" : "GPP string longer than " + MaxLength + " characters";
            return false;
        }

        var tilde = input.IndexOf('~');
        var headerText = tilde < 0 ? input : input[..tilde];
        if (!headerText.StartsWith("DB", StringComparison.Ordinal) || !Base64UrlBitReader.IsValid(headerText))
        {
            error = "GPP header must start with DB and be base64url";
            return false;
        }

        Span<int> ids = stackalloc int[MaxSections];
        if (!TryReadHeader(headerText, ids, out var version, out var idCount, out error))
        {
            return false;
        }

        var rest = tilde < 0 ? [] : input[(tilde + 1)..];
        var sectionCount = tilde < 0 ? 0 : rest.Count('~') + 1;
        if (sectionCount != idCount)
        {
            error = "the number of sections does not match the header";
            return false;
        }

        TcfConsent? tcf = null;
        UsPrivacy? usp = null;
        var us = new List<GppUsSection>();
        var raw = new List<GppRawSection>();
        var errors = new List<GppSectionError>();
        for (var i = 0; i < idCount; i++)
        {
            var next = rest.IndexOf('~');
            var text = next < 0 ? rest : rest[..next];
            rest = next < 0 ? [] : rest[(next + 1)..];
            var id = ids[i];
            if (text.IsWhiteSpace())
            {
                error = "section " + (i + 1) + " is blank";
                return false;
            }

            string? sectionError = null;
            if (id == TcfEuV2Id)
            {
                if (!TcfDecoder.TryDecode(text, out tcf, out sectionError))
                {
                    tcf = null;
                }
            }
            else if (id == UspV1Id)
            {
                if (!UsPrivacy.TryParse(text, out usp, out sectionError))
                {
                    usp = null;
                }
            }
            else if (GppSectionLayouts.ById.TryGetValue(id, out var layout))
            {
                if (GppUsSectionDecoder.TryDecode(layout, text, out var section, out sectionError))
                {
                    us.Add(section);
                }
            }
            else
            {
                raw.Add(new GppRawSection(id, text.ToString()));
            }

            if (sectionError is not null)
            {
                errors.Add(new GppSectionError(id, sectionError));
            }
        }

        consent = new GppConsent
        {
            Version = version,
            SectionIds = ids[..idCount].ToArray(),
            EuTcf = tcf,
            UspV1 = usp,
            UsSections = us,
            RawSections = raw,
            SectionErrors = errors,
        };
        error = null;
        return true;
    }

    /// <summary>Parses the <c>__gpp_sid</c> cookie (comma-separated section ids); null when malformed.</summary>
    public static IReadOnlyList<int>? ParseSectionIdCookie(ReadOnlySpan<char> value)
    {
        var result = new List<int>();
        foreach (var range in value.Split(','))
        {
            var part = value[range].Trim();
            if (part.IsEmpty || result.Count >= MaxSections
                || !int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                || id > MaxSectionId)
            {
                return null;
            }

            result.Add(id);
        }

        return result;
    }

    private static bool TryReadHeader(ReadOnlySpan<char> text, Span<int> ids, out int version, out int count, [NotNullWhen(false)] out string? error)
    {
        count = 0;
        var r = new Base64UrlBitReader(text);
        if (!r.TryReadInt(6, out var type) || type != 3 || !r.TryReadInt(6, out version) || version != 1)
        {
            version = 0;
            error = "not a GPP v1 header";
            return false;
        }

        if (!r.TryReadInt(12, out var groups))
        {
            error = "GPP header truncated";
            return false;
        }

        long offset = 0;
        for (var g = 0; g < groups; g++)
        {
            if (!r.TryReadBool(out var isRange) || !r.TryReadFibonacci(out var first))
            {
                error = "GPP header section ids truncated";
                return false;
            }

            var start = first + offset;
            var end = start;
            if (isRange)
            {
                if (!r.TryReadFibonacci(out var delta))
                {
                    error = "GPP header section ids truncated";
                    return false;
                }

                end = start + delta;
            }

            offset = end;
            if (end > MaxSectionId)
            {
                error = "GPP header section id out of range";
                return false;
            }

            if (end - start + 1 > ids.Length - count)
            {
                error = "GPP header lists more than " + MaxSections + " sections";
                return false;
            }

            for (var id = start; id <= end; id++)
            {
                ids[count++] = (int)id;
            }
        }

        error = null;
        return true;
    }
}
