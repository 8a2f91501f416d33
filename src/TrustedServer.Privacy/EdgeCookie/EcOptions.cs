namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>What the Edge Cookie logic needs from <c>[publisher]</c> and <c>[ec]</c>.</summary>
public sealed record EcOptions
{
    /// <summary><c>[ec] passphrase</c>: the HMAC key for the ID.</summary>
    public required string Passphrase { get; init; }

    /// <summary><c>[publisher] domain</c>: the cookie's Domain is <c>.</c> plus this.</summary>
    public required string PublisherDomain { get; init; }

    /// <summary>Cookie attributes.</summary>
    public EcCookieOptions Cookie { get; init; } = new();

    /// <summary>Request header a CDN in front fills with the client's JA4 TLS fingerprint, or null.</summary>
    public string? Ja4Header { get; init; }

    /// <summary>
    /// Whether an identity store is configured. Without one no cookie is ever minted, which avoids IDs that
    /// exist nowhere but in the browser.
    /// </summary>
    public bool StoreConfigured { get; init; } = true;
}
