namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.nextjs]</c>: origin URLs inside Next.js payloads (Flight and <c>__NEXT_DATA__</c>).</summary>
public sealed record NextJsOptions
{
    /// <summary>The default <c>rewrite_attributes</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultRewriteAttributes = ["href", "link", "url"];

    /// <summary>The default <c>max_combined_payload_bytes</c> (1 MiB).</summary>
    public const int DefaultMaxCombinedPayloadBytes = 1024 * 1024;

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>rewrite_attributes</c>: the <c>__NEXT_DATA__</c> JSON keys whose string values are mapped (any depth).</summary>
    public IReadOnlyList<string> RewriteAttributes { get; init; } = DefaultRewriteAttributes;

    /// <summary>
    /// <c>max_combined_payload_bytes</c>: the most bytes of one Flight row held while it is read (a row may span several
    /// inline scripts); a longer row passes through unmapped.
    /// </summary>
    public int MaxCombinedPayloadBytes { get; init; } = DefaultMaxCombinedPayloadBytes;
}
