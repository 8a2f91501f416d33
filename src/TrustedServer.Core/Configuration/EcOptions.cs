namespace TrustedServer.Core.Configuration;

/// <summary><c>[ec]</c>: the Edge Cookie identity.</summary>
public sealed record EcOptions
{
    /// <summary><c>enabled</c>: whether Edge Cookies are issued at all.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>passphrase</c>: the HMAC key of the ID. Never logged.</summary>
    public string? Passphrase { get; init; }

    /// <summary><c>store</c>: <c>memory</c>, a file path, or <c>redis://host:port</c>.</summary>
    public string Store { get; init; } = "memory";

    /// <summary><c>cookie_max_age_seconds</c>: lifetime of the <c>ts-ec</c> cookie.</summary>
    public long CookieMaxAgeSeconds { get; init; } = 31_536_000;
}
