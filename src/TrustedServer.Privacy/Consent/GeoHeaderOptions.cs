namespace TrustedServer.Privacy.Consent;

/// <summary>The <c>[geo]</c> header names a CDN in front fills with the visitor's country and region.</summary>
/// <param name="CountryHeader">Header carrying the ISO 3166-1 alpha-2 country code (e.g. <c>CF-IPCountry</c>), or null.</param>
/// <param name="RegionHeader">Header carrying the region/subdivision (e.g. <c>CA</c> or <c>US-CA</c>), or null.</param>
public sealed record GeoHeaderOptions(string? CountryHeader, string? RegionHeader);
