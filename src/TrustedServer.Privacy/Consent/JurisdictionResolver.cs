using TrustedServer.Core.Configuration;

namespace TrustedServer.Privacy.Consent;

/// <summary>Maps a visitor's country and region to a <see cref="Jurisdiction"/>.</summary>
public static class JurisdictionResolver
{
    /// <summary>
    /// No country (or a CDN's unknown/Tor placeholder) is Unknown; a country in <c>applies_in</c> is GDPR; US with a
    /// region in <c>privacy_states</c> is that state; anything else is non-regulated.
    /// </summary>
    public static Jurisdiction Resolve(string? country, string? region, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Configured lists may use any comparer, so compare upper-case codes.
        var c = country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(c) || c.Length != 2 || c is "XX" or "T1")
        {
            return Jurisdiction.Unknown;
        }

        if (options.GdprAppliesIn.Contains(c))
        {
            return Jurisdiction.Gdpr;
        }

        if (c == "US" && region is not null)
        {
            var r = region.Trim().ToUpperInvariant();

            // Accept both a bare code and an ISO 3166-2 code such as US-CA.
            if (r.StartsWith("US-", StringComparison.Ordinal))
            {
                r = r[3..];
            }

            if (r.Length == 2 && options.PrivacyStates.Contains(r))
            {
                return Jurisdiction.UsState(r);
            }
        }

        return Jurisdiction.NonRegulated;
    }

    /// <summary>Resolves from the configured geo headers; without a configured country header the result is Unknown.</summary>
    /// <param name="header">Returns a request header's value by name (case-insensitive), or null.</param>
    /// <param name="geo">The <c>[geo]</c> header names.</param>
    /// <param name="options">The consent configuration.</param>
    public static Jurisdiction FromHeaders(Func<string, string?> header, GeoOptions geo, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(geo);
        if (string.IsNullOrEmpty(geo.CountryHeader))
        {
            return Jurisdiction.Unknown;
        }

        var region = string.IsNullOrEmpty(geo.RegionHeader) ? null : header(geo.RegionHeader);
        return Resolve(header(geo.CountryHeader), region, options);
    }
}
