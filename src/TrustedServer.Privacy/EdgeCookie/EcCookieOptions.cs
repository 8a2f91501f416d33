namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>The Edge Cookie's attributes; the defaults are the original's.</summary>
public sealed record EcCookieOptions
{
    /// <summary>Cookie name.</summary>
    public string Name { get; init; } = "ts-ec";

    /// <summary>Path attribute.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Max-Age in seconds (one year).</summary>
    public int MaxAgeSeconds { get; init; } = 31_536_000;

    /// <summary>Whether to send <c>Secure</c>.</summary>
    public bool Secure { get; init; } = true;

    /// <summary>SameSite value (<c>Lax</c>, <c>Strict</c> or <c>None</c>).</summary>
    public string SameSite { get; init; } = "Lax";

    /// <summary>Whether to send <c>HttpOnly</c>.</summary>
    public bool HttpOnly { get; init; } = true;
}
