namespace TrustedServer.Core.RequestSigning;

/// <summary>The outcome of a deactivation, shaped as the admin route answers it.</summary>
public sealed record DeactivationResult
{
    /// <summary>How it ended.</summary>
    public required KeyOperationStatus Status { get; init; }

    /// <summary>A sentence for the operator.</summary>
    public required string Message { get; init; }

    /// <summary>The kid asked for.</summary>
    public string? DeactivatedKid { get; init; }

    /// <summary>Whether its keys were deleted too.</summary>
    public bool Deleted { get; init; }

    /// <summary>The active kids afterwards.</summary>
    public IReadOnlyList<string> RemainingActiveKids { get; init; } = [];

    /// <summary>What went wrong, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Whether it succeeded.</summary>
    public bool Success => Status == KeyOperationStatus.Succeeded;
}
