namespace TrustedServer.Privacy.Consent;

/// <summary>A decoded IAB GPP string: header plus each section it lists.</summary>
public sealed class GppConsent
{
    /// <summary>GPP header version (1).</summary>
    public required int Version { get; init; }

    /// <summary>Section ids in header order.</summary>
    public required IReadOnlyList<int> SectionIds { get; init; }

    /// <summary>EU TCF v2 section (id 2), when present and decodable.</summary>
    public TcfConsent? EuTcf { get; init; }

    /// <summary>US Privacy section (id 6), when present and decodable.</summary>
    public UsPrivacy? UspV1 { get; init; }

    /// <summary>US national and state sections (ids 7 and up) that decoded.</summary>
    public required IReadOnlyList<GppUsSection> UsSections { get; init; }

    /// <summary>Sections with ids this decoder does not interpret, kept raw.</summary>
    public required IReadOnlyList<GppRawSection> RawSections { get; init; }

    /// <summary>Sections that failed to decode.</summary>
    public required IReadOnlyList<GppSectionError> SectionErrors { get; init; }

    /// <summary>
    /// The US sale opt-out folded over every decoded US section: true if any says opted out, otherwise false if
    /// any says explicitly not, otherwise null.
    /// </summary>
    public bool? UsSaleOptOut
    {
        get
        {
            bool? result = null;
            foreach (var s in UsSections)
            {
                switch (s.SaleOptOut)
                {
                    case true:
                        return true;
                    case false:
                        result = false;
                        break;
                }
            }

            return result;
        }
    }
}
