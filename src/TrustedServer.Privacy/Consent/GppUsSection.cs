namespace TrustedServer.Privacy.Consent;

/// <summary>
/// A decoded GPP US section (national, id 7, or a state, ids 8 and up). Field values follow the GPP convention:
/// 0 = not applicable, 1 = yes (opted out / notice given), 2 = no.
/// </summary>
public sealed class GppUsSection
{
    internal GppUsSection(int id, string name, IReadOnlyList<GppField> fields, bool secondSegmentIncluded, bool? gpc)
    {
        Id = id;
        Name = name;
        Fields = fields;
        SecondSegmentIncluded = secondSegmentIncluded;
        Gpc = gpc;
    }

    /// <summary>GPP section id.</summary>
    public int Id { get; }

    /// <summary>GPP section name (e.g. <c>usnat</c>, <c>usca</c>).</summary>
    public string Name { get; }

    /// <summary>All fields in encoded order (optional-segment fields carry their defaults when the segment is absent).</summary>
    public IReadOnlyList<GppField> Fields { get; }

    /// <summary>Whether the optional GPC or sensitive-data segment was present.</summary>
    public bool SecondSegmentIncluded { get; }

    /// <summary>The GPC sub-section's flag; null when the section has no GPC segment or it was absent.</summary>
    public bool? Gpc { get; }

    /// <summary>The value of a single-integer field, or null when the section has no such field.</summary>
    public int? Get(string name)
    {
        foreach (var f in Fields)
        {
            if (f.Name == name)
            {
                return f.Value;
            }
        }

        return null;
    }

    /// <summary>SaleOptOut: true when opted out (1), false when explicitly not (2), null when not applicable (0).</summary>
    public bool? SaleOptOut => Get("SaleOptOut") switch
    {
        1 => true,
        2 => false,
        _ => null,
    };
}
