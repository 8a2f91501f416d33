namespace TrustedServer.Core.Configuration;

/// <summary>One <c>[[ec.partners]]</c> entry: an identity partner allowed to read and sync Edge Cookie IDs.</summary>
public sealed record EcPartnerOptions
{
    /// <summary><c>name</c>: display name.</summary>
    public required string Name { get; init; }

    /// <summary><c>source_domain</c>: the canonical key, both the OpenRTB EID <c>source</c> and the store's <c>ids</c> key.</summary>
    public required string SourceDomain { get; init; }

    /// <summary>Lowercase hex SHA-256 of <c>api_token</c>; the token itself is not kept.</summary>
    public required string ApiTokenSha256 { get; init; }

    /// <summary><c>batch_rate_limit</c>: batch-sync requests allowed per minute.</summary>
    public int BatchRateLimit { get; init; } = 60;

    /// <summary><c>bidstream_enabled</c>: include this partner's UID in auction EIDs.</summary>
    public bool BidstreamEnabled { get; init; }

    /// <summary><c>openrtb_atype</c>: the EID <c>atype</c>.</summary>
    public int OpenRtbAtype { get; init; } = 3;

    /// <summary>The lowercase hex SHA-256 of a token's UTF-8 bytes.</summary>
    public static string HashToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
    }
}
