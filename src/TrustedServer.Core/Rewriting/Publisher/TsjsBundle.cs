namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// The shape of the Trusted Server browser bundles' URLs (<c>/static/tsjs=NAME?v=HASH</c>), their cache policies, and
/// the script tag injected into every page. The bundles themselves are built from <c>tsjs/</c> and embedded in the
/// Hosting project, which knows their bytes and hashes.
/// </summary>
public static class TsjsBundle
{
    /// <summary>The unified bundle's file name: core plus the immediate modules.</summary>
    public const string UnifiedName = "tsjs-unified.min.js";

    /// <summary>The prefix every bundle's path starts with.</summary>
    public const string PathPrefix = "/static/tsjs=";

    /// <summary>The unified bundle's path, in the original's shape.</summary>
    public const string Path = PathPrefix + UnifiedName;

    /// <summary>The unminified alias the original also answers.</summary>
    public const string UnminifiedPath = "/static/tsjs=tsjs-unified.js";

    /// <summary>The bundle's media type.</summary>
    public const string ContentType = "application/javascript; charset=utf-8";

    /// <summary>Cache policy when <c>?v=</c> names this exact bundle.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Cache policy for any other <c>?v=</c> (or none): short, so a new bundle is picked up.</summary>
    public const string ShortCacheControl = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";

    /// <summary>The tag injected as the first child of <c>&lt;head&gt;</c> for the unified bundle with this content hash.</summary>
    public static string ScriptTagFor(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        return $"<script async src=\"{Path}?v={hash}\" id=\"trustedserver-js\"></script>";
    }
}
