namespace TrustedServer.Core.Configuration;

/// <summary><c>[geo]</c>: where the visitor's country and region come from.</summary>
public sealed record GeoOptions
{
    /// <summary><c>country_header</c>: request header carrying an ISO country code, set by a CDN in front.</summary>
    public string? CountryHeader { get; init; }

    /// <summary><c>region_header</c>: request header carrying the region code.</summary>
    public string? RegionHeader { get; init; }

    /// <summary><c>database</c>: path of a MaxMind GeoLite2/GeoIP2 database file.</summary>
    public string? Database { get; init; }
}
