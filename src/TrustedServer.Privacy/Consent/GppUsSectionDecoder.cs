using System.Diagnostics.CodeAnalysis;

namespace TrustedServer.Privacy.Consent;

/// <summary>Decodes one GPP US section from its layout.</summary>
internal static class GppUsSectionDecoder
{
    private const int UsNatId = 7;

    public static bool TryDecode(GppSectionLayout layout, ReadOnlySpan<char> text, [NotNullWhen(true)] out GppUsSection? section, [NotNullWhen(false)] out string? error)
    {
        section = null;
        var core = TcfDecoder.NextSegment(ref text, out var more);
        if (core.IsEmpty || !Base64UrlBitReader.IsValid(core))
        {
            error = "US section core segment is empty or not base64url";
            return false;
        }

        var fields = new List<GppField>(layout.Core.Length + 2);
        var r = new Base64UrlBitReader(core);

        // usnat strings written before the sensitive-data list grew from 12 to 16 entries (and known-child
        // consents from 2 to 3) are recognised by their length, as the reference library does.
        var legacyUsNat = layout.Id == UsNatId && r.TotalBits is 60 or 66;
        foreach (var spec in layout.Core)
        {
            var count = spec.Count;
            if (legacyUsNat && spec.Name == "SensitiveDataProcessing")
            {
                count = 12;
            }
            else if (legacyUsNat && spec.Name == "KnownChildSensitiveDataConsents")
            {
                count = 2;
            }

            if (!TryReadField(ref r, spec, count, out var field))
            {
                error = "US section " + layout.Name + " truncated at " + spec.Name;
                return false;
            }

            fields.Add(field);
        }

        if (legacyUsNat)
        {
            ApplyLegacyUsNatShape(fields);
        }

        var included = false;
        bool? gpc = null;
        var second = more ? TcfDecoder.NextSegment(ref text, out _) : [];
        if (layout.Second == GppSecondSegment.Gpc)
        {
            var type = 1;
            var flag = false;
            if (more)
            {
                var g = new Base64UrlBitReader(second);
                if (!Base64UrlBitReader.IsValid(second) || !g.TryReadInt(2, out type) || !g.TryReadBool(out flag))
                {
                    error = "US section " + layout.Name + " GPC segment malformed";
                    return false;
                }

                included = true;
                gpc = flag;
            }

            fields.Add(new GppField("GpcSegmentType", type, null));
            fields.Add(new GppField("Gpc", flag ? 1 : 0, null));
        }
        else if (layout.Second == GppSecondSegment.SensitiveData)
        {
            var spec = new GppFieldSpec("SensitiveDataProcessing", 2, 8);
            GppField field = new(spec.Name, null, new int[8]);
            if (more)
            {
                var s = new Base64UrlBitReader(second);
                if (!Base64UrlBitReader.IsValid(second) || !TryReadField(ref s, spec, 8, out field))
                {
                    error = "US section " + layout.Name + " sensitive-data segment malformed";
                    return false;
                }

                included = true;
            }

            fields.Add(field);
        }

        section = new GppUsSection(layout.Id, layout.Name, fields, included, gpc);
        error = null;
        return true;
    }

    private static bool TryReadField(ref Base64UrlBitReader r, GppFieldSpec spec, int count, out GppField field)
    {
        field = null!;
        if (spec.Count == 0)
        {
            if (!r.TryReadInt(spec.Bits, out var v))
            {
                return false;
            }

            field = new GppField(spec.Name, v, null);
            return true;
        }

        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!r.TryReadInt(spec.Bits, out values[i]))
            {
                return false;
            }
        }

        field = new GppField(spec.Name, null, values);
        return true;
    }

    private static void ApplyLegacyUsNatShape(List<GppField> fields)
    {
        // A version-1 section reports the short lists; anything else claiming the old length is padded with zeros.
        if (fields[0].Value == 1)
        {
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var target = f.Name switch
            {
                "SensitiveDataProcessing" => 16,
                "KnownChildSensitiveDataConsents" => 3,
                _ => 0,
            };
            if (target > 0 && f.Values is { } v)
            {
                var padded = new int[target];
                for (var j = 0; j < v.Count; j++)
                {
                    padded[j] = v[j];
                }

                fields[i] = f with { Values = padded };
            }
        }
    }
}
