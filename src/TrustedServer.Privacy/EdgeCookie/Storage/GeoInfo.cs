namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Coarse location of the visitor when the record was created.</summary>
public sealed record GeoInfo
{
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; init; }

    /// <summary>Region or subdivision code, when known.</summary>
    public string? Region { get; init; }

    /// <summary>Autonomous system number, when known.</summary>
    public long? Asn { get; init; }

    /// <summary>Nielsen DMA code, when known.</summary>
    public int? Dma { get; init; }
}
