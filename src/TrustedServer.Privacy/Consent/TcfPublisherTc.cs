namespace TrustedServer.Privacy.Consent;

/// <summary>The publisher purposes (publisher TC) segment of a TC string.</summary>
public sealed class TcfPublisherTc
{
    /// <summary>Publisher purpose consents (ids 1 to 24).</summary>
    public required IdSet PublisherConsents { get; init; }

    /// <summary>Publisher purpose legitimate interests (ids 1 to 24).</summary>
    public required IdSet PublisherLegitimateInterests { get; init; }

    /// <summary>Number of custom purposes (0 to 63).</summary>
    public required int NumCustomPurposes { get; init; }

    /// <summary>Custom purpose consents (ids 1 to <see cref="NumCustomPurposes"/>).</summary>
    public required IdSet PublisherCustomConsents { get; init; }

    /// <summary>Custom purpose legitimate interests (ids 1 to <see cref="NumCustomPurposes"/>).</summary>
    public required IdSet PublisherCustomLegitimateInterests { get; init; }
}
