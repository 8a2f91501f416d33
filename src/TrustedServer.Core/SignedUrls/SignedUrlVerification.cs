namespace TrustedServer.Core.SignedUrls;

/// <summary>The result of <see cref="FirstPartyUrlSigner.Verify"/>.</summary>
public sealed record SignedUrlVerification
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> NoPairs = [];

    /// <summary>What the verification found.</summary>
    public required SignedUrlStatus Status { get; init; }

    /// <summary>The target to fetch or redirect to (tsurl plus the original pairs, without <c>tsexp</c>); set only when valid.</summary>
    public Uri? Target { get; init; }

    /// <summary>The decoded <c>tsurl</c>, when present.</summary>
    public string? TsUrl { get; init; }

    /// <summary>Every decoded pair except <c>tsurl</c> and <c>tstoken</c>, in request order (<c>tsexp</c> included).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; init; } = NoPairs;

    /// <summary>The signed expiry in Unix seconds, when present and valid.</summary>
    public long? ExpiresAtUnixSeconds { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="SignedUrlStatus.Valid"/>.</summary>
    public bool IsValid => Status == SignedUrlStatus.Valid;

    /// <summary>The status code our spec assigns: 400 missing/invalid expiry, 403 bad token or refused target, 410 expired.</summary>
    public int HttpStatusCode => Status switch
    {
        SignedUrlStatus.Valid => 200,
        SignedUrlStatus.Missing => 400,
        SignedUrlStatus.BadSignature => 403,
        SignedUrlStatus.Expired => 410,
        SignedUrlStatus.InvalidExpiry => 400,
        _ => 403,
    };

    /// <summary>A short plain-text reason for the response body; never mentions the secret.</summary>
    public string Reason => Status switch
    {
        SignedUrlStatus.Valid => "ok",
        SignedUrlStatus.Missing => "missing tsurl or tstoken",
        SignedUrlStatus.BadSignature => "invalid tstoken",
        SignedUrlStatus.Expired => "signed URL expired",
        SignedUrlStatus.InvalidExpiry => "invalid tsexp",
        _ => "target not allowed",
    };
}
