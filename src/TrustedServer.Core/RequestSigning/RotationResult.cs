namespace TrustedServer.Core.RequestSigning;

/// <summary>The outcome of a rotation, shaped as the admin route answers it.</summary>
public sealed record RotationResult
{
    /// <summary>How it ended.</summary>
    public required KeyOperationStatus Status { get; init; }

    /// <summary>A sentence for the operator.</summary>
    public required string Message { get; init; }

    /// <summary>The new kid, when one was made.</summary>
    public string? NewKid { get; init; }

    /// <summary>The kid that was current before.</summary>
    public string? PreviousKid { get; init; }

    /// <summary>The active kids afterwards (or unchanged after a failure).</summary>
    public IReadOnlyList<string> ActiveKids { get; init; } = [];

    /// <summary>The new public key.</summary>
    public Jwk? Jwk { get; init; }

    /// <summary>What went wrong, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Whether it succeeded.</summary>
    public bool Success => Status == KeyOperationStatus.Succeeded;
}
