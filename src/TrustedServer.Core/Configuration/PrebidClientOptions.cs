namespace TrustedServer.Core.Configuration;

/// <summary>The browser side of <c>[integrations.prebid]</c>: the publisher's Prebid.js replaced by a first-party bundle.</summary>
public sealed record PrebidClientOptions
{
    /// <summary>The default <c>script_patterns</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultScriptPatterns = ["/prebid.js", "/prebid.min.js", "/prebidjs.js", "/prebidjs.min.js"];

    /// <summary><c>account_id</c>: the Prebid account given to the browser (default: the publisher's domain).</summary>
    public string? AccountId { get; init; }

    /// <summary><c>script_patterns</c>: URL path patterns (<c>*</c> matches anything) of the publisher's Prebid.js tags to remove.</summary>
    public IReadOnlyList<string> ScriptPatterns { get; init; } = DefaultScriptPatterns;

    /// <summary><c>external_bundle_url</c>: the generated Prebid bundle, served at <c>/integrations/prebid/bundle.js</c>.
    /// Without it the page is left as it is (the section then only configures the Prebid Server provider).</summary>
    public Uri? ExternalBundleUrl { get; init; }

    /// <summary><c>external_bundle_sha256</c>: lower-case hex SHA-256 the fetched bundle must have.</summary>
    public string? ExternalBundleSha256 { get; init; }

    /// <summary><c>external_bundle_sri</c>: the tag's <c>integrity</c> value (default: derived from the SHA-256).</summary>
    public string? ExternalBundleSri { get; init; }

    /// <summary><c>excluded_gam_ad_unit_path_suffixes</c>: GAM ad-unit path suffixes kept out of refresh auctions (given to the browser).</summary>
    public IReadOnlyList<string> ExcludedGamAdUnitPathSuffixes { get; init; } = [];

    /// <summary>The <c>integrity</c> attribute value, or null.</summary>
    public string? Integrity => ExternalBundleSri
        ?? (ExternalBundleSha256 is { } hex ? "sha256-" + Convert.ToBase64String(Convert.FromHexString(hex)) : null);
}
