namespace TrustedServer.Core.Auction;

/// <summary>
/// A typed renderer sent instead of markup (<c>ext.trusted_server.renderer</c>): the browser SDK renders the creative
/// from these fields in a sandboxed frame. APS is the one provider that answers this way.
/// </summary>
public sealed record CreativeRenderer
{
    /// <summary><c>type</c>: which renderer (<c>aps</c>).</summary>
    public required string Type { get; init; }

    /// <summary><c>version</c> of the renderer's contract.</summary>
    public int Version { get; init; } = 1;

    /// <summary><c>accountId</c>: the provider account.</summary>
    public string? AccountId { get; init; }

    /// <summary><c>bidId</c>.</summary>
    public required string BidId { get; init; }

    /// <summary><c>tagType</c>: <c>iframe</c> or <c>script</c>.</summary>
    public required string TagType { get; init; }

    /// <summary><c>creativeUrl</c>: the HTTPS URL the creative loads from.</summary>
    public required string CreativeUrl { get; init; }

    /// <summary><c>aaxResponse</c>: the minimal bid envelope the renderer checks, base64.</summary>
    public required string AaxResponse { get; init; }

    /// <summary><c>width</c> in pixels.</summary>
    public int Width { get; init; }

    /// <summary><c>height</c> in pixels.</summary>
    public int Height { get; init; }
}
