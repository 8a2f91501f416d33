using TrustedServer.Privacy.Consent;

namespace TrustedServer.Privacy.EdgeCookie;

/// <summary>The Edge Cookie outcome for one request.</summary>
public sealed record EcDecision
{
    /// <summary>The action.</summary>
    public required EcDecisionKind Kind { get; init; }

    /// <summary>The active ID: minted (Mint), from the cookie (Keep), or the cookie's ID to tombstone (Withdraw, when valid).</summary>
    public string? Id { get; init; }

    /// <summary>The <c>Set-Cookie</c> header value to send (Mint: the new cookie, only after the store write succeeded; Withdraw: the expiring cookie).</summary>
    public string? SetCookie { get; init; }

    /// <summary>The request's consent context the decision was based on.</summary>
    public required ConsentContext Consent { get; init; }

    /// <summary>Whether the request passed the bot gate.</summary>
    public bool IsRealBrowser { get; init; }

    /// <summary>Short reason, for debug logs and tests (never contains IDs, IPs or consent strings).</summary>
    public required string Reason { get; init; }
}
