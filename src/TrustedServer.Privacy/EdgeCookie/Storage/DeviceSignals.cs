using System.Text.Json.Serialization;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Device signals captured once, when the record is created.</summary>
public sealed record DeviceSignals
{
    /// <summary>0 desktop, 1 mobile, 2 unknown.</summary>
    public int IsMobile { get; init; }

    /// <summary>Section one of the JA4 TLS fingerprint, e.g. <c>t13d1516h2</c>.</summary>
    [JsonPropertyName("ja4_class")]
    public string? Ja4Class { get; init; }

    /// <summary>The User-Agent platform class (mac, windows, ios, android, linux).</summary>
    public string? PlatformClass { get; init; }

    /// <summary>First 12 hex characters of the SHA-256 of the HTTP/2 SETTINGS string.</summary>
    [JsonPropertyName("h2_fp_hash")]
    public string? H2FpHash { get; init; }

    /// <summary>Whether the client looked like a known browser.</summary>
    public bool KnownBrowser { get; init; }
}
