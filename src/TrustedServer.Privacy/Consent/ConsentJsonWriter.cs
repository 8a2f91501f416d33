using System.Globalization;
using System.Text.Json;

namespace TrustedServer.Privacy.Consent;

/// <summary>
/// Renders decoded consent strings as JSON. TCF fields use the camelCase names of @iabtcf/core's TCModel;
/// GPP sections and fields use the names of @iabgpp/cmpapi (lower-case section names, PascalCase fields).
/// </summary>
public static class ConsentJsonWriter
{
    /// <summary>Writes a TC string's decoded fields as one JSON object.</summary>
    public static void WriteTcf(Utf8JsonWriter w, TcfConsent tcf, bool includeType = true)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(tcf);
        w.WriteStartObject();
        if (includeType)
        {
            w.WriteString("type", "tcfeuv2");
        }

        w.WriteNumber("version", tcf.Version);
        w.WriteString("created", Iso(tcf.Created));
        w.WriteString("lastUpdated", Iso(tcf.LastUpdated));
        w.WriteNumber("cmpId", tcf.CmpId);
        w.WriteNumber("cmpVersion", tcf.CmpVersion);
        w.WriteNumber("consentScreen", tcf.ConsentScreen);
        w.WriteString("consentLanguage", tcf.ConsentLanguage);
        w.WriteNumber("vendorListVersion", tcf.VendorListVersion);
        w.WriteNumber("policyVersion", tcf.PolicyVersion);
        w.WriteBoolean("isServiceSpecific", tcf.IsServiceSpecific);
        w.WriteBoolean("useNonStandardStacks", tcf.UseNonStandardStacks);
        WriteIds(w, "specialFeatureOptins", tcf.SpecialFeatureOptins);
        WriteIds(w, "purposeConsents", tcf.PurposeConsents);
        WriteIds(w, "purposeLegitimateInterests", tcf.PurposeLegitimateInterests);
        w.WriteBoolean("purposeOneTreatment", tcf.PurposeOneTreatment);
        w.WriteString("publisherCountryCode", tcf.PublisherCountryCode);
        WriteIds(w, "vendorConsents", tcf.VendorConsents);
        WriteIds(w, "vendorLegitimateInterests", tcf.VendorLegitimateInterests);
        w.WriteStartArray("publisherRestrictions");
        foreach (var r in tcf.PublisherRestrictions.OrderBy(r => r.PurposeId).ThenBy(r => r.RestrictionType))
        {
            w.WriteStartObject();
            w.WriteNumber("purposeId", r.PurposeId);
            w.WriteNumber("restrictionType", (int)r.RestrictionType);
            w.WriteStartArray("vendors");
            foreach (var range in r.NormalizedRanges())
            {
                for (var id = range.Start; id <= range.End; id++)
                {
                    w.WriteNumberValue(id);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (tcf.VendorsDisclosed is { } disclosed)
        {
            WriteIds(w, "vendorsDisclosed", disclosed);
        }

        if (tcf.VendorsAllowed is { } allowed)
        {
            WriteIds(w, "vendorsAllowed", allowed);
        }

        if (tcf.PublisherTc is { } pub)
        {
            WriteIds(w, "publisherConsents", pub.PublisherConsents);
            WriteIds(w, "publisherLegitimateInterests", pub.PublisherLegitimateInterests);
            w.WriteNumber("numCustomPurposes", pub.NumCustomPurposes);
            WriteIds(w, "publisherCustomConsents", pub.PublisherCustomConsents);
            WriteIds(w, "publisherCustomLegitimateInterests", pub.PublisherCustomLegitimateInterests);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a US Privacy string's fields as one JSON object.</summary>
    public static void WriteUsPrivacy(Utf8JsonWriter w, UsPrivacy usp, bool includeType = true)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(usp);
        w.WriteStartObject();
        if (includeType)
        {
            w.WriteString("type", "uspv1");
        }

        w.WriteNumber("Version", usp.Version);
        w.WriteString("Notice", Flag(usp.NoticeGiven));
        w.WriteString("OptOutSale", Flag(usp.OptOutSale));
        w.WriteString("LspaCovered", Flag(usp.LspaCovered));
        w.WriteString("uspString", usp.ToString());
        w.WriteEndObject();
    }

    /// <summary>Writes a GPP string's header and sections as one JSON object.</summary>
    public static void WriteGpp(Utf8JsonWriter w, GppConsent gpp)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(gpp);
        w.WriteStartObject();
        w.WriteString("type", "gpp");
        w.WriteNumber("version", gpp.Version);
        w.WriteStartArray("sectionIds");
        foreach (var id in gpp.SectionIds)
        {
            w.WriteNumberValue(id);
        }

        w.WriteEndArray();
        if (gpp.UsSaleOptOut is { } saleOptOut)
        {
            w.WriteBoolean("usSaleOptOut", saleOptOut);
        }
        else
        {
            w.WriteNull("usSaleOptOut");
        }

        w.WriteStartObject("sections");
        if (gpp.EuTcf is { } tcf)
        {
            w.WritePropertyName("tcfeuv2");
            WriteTcf(w, tcf, includeType: false);
        }

        if (gpp.UspV1 is { } usp)
        {
            w.WritePropertyName("uspv1");
            WriteUsPrivacy(w, usp, includeType: false);
        }

        foreach (var s in gpp.UsSections)
        {
            w.WriteStartObject(s.Name);
            foreach (var f in s.Fields)
            {
                if (f.Values is { } values)
                {
                    w.WriteStartArray(f.Name);
                    foreach (var v in values)
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                }
                else if (f.Name == "Gpc")
                {
                    w.WriteBoolean(f.Name, f.Value == 1);
                }
                else
                {
                    w.WriteNumber(f.Name, f.Value ?? 0);
                }
            }

            w.WriteBoolean("SecondSegmentIncluded", s.SecondSegmentIncluded);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("unknownSections");
        foreach (var raw in gpp.RawSections)
        {
            w.WriteStartObject();
            w.WriteNumber("id", raw.Id);
            w.WriteString("encoded", raw.Encoded);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sectionErrors");
        foreach (var e in gpp.SectionErrors)
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("error", e.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as JavaScript's Date.toISOString() writes it.</summary>
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Flag(PrivacyIndicator f) => UsPrivacy.Char(f).ToString();

    private static void WriteIds(Utf8JsonWriter w, string name, IdSet ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids)
        {
            w.WriteNumberValue(id);
        }

        w.WriteEndArray();
    }
}
