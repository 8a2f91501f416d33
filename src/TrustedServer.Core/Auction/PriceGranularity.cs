namespace TrustedServer.Core.Auction;

/// <summary>Prebid's price granularities for the <c>hb_pb</c> targeting key.</summary>
public enum PriceGranularity
{
    /// <summary>$0.50 steps up to $5.</summary>
    Low,

    /// <summary>$0.10 steps up to $20.</summary>
    Medium,

    /// <summary>$0.01 steps up to $20.</summary>
    High,

    /// <summary>$0.01 below $3, $0.05 to $8, $0.50 to $20 (the default).</summary>
    Dense,

    /// <summary>The same buckets as <see cref="Dense"/>.</summary>
    Auto,
}
