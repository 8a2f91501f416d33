namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>One line of the file store: an ID, its generation, its expiry (unix milliseconds) and its record.</summary>
internal sealed record FileStoreLine
{
    public required string Id { get; init; }

    public required long Gen { get; init; }

    public required long Exp { get; init; }

    public required IdentityRecord Rec { get; init; }
}
