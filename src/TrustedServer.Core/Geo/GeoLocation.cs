namespace TrustedServer.Core.Geo;

/// <summary>Where a visitor's address is, as far as the consent rules care.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 country code, e.g. <c>DE</c>.</param>
/// <param name="Region">ISO 3166-2 subdivision code without the country prefix, e.g. <c>CA</c>, or null.</param>
public sealed record GeoLocation(string Country, string? Region);
