using System.Security.Cryptography;
using System.Text;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// The Trusted Server browser bundle served at <c>/static/tsjs=tsjs-unified.min.js</c> and the script tag injected
/// into every page. The bundle is a small placeholder until integrations contribute modules; its content hash is the
/// <c>?v=</c> value, so a cached copy can be marked immutable.
/// </summary>
public static class TsjsBundle
{
    /// <summary>The bundle's path, in the original's shape.</summary>
    public const string Path = "/static/tsjs=tsjs-unified.min.js";

    /// <summary>The unminified alias the original also answers.</summary>
    public const string UnminifiedPath = "/static/tsjs=tsjs-unified.js";

    /// <summary>The bundle's media type.</summary>
    public const string ContentType = "application/javascript; charset=utf-8";

    /// <summary>Cache policy when <c>?v=</c> names this exact bundle.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Cache policy for any other <c>?v=</c> (or none): short, so a new bundle is picked up.</summary>
    public const string ShortCacheControl = "public, max-age=300, stale-while-revalidate=60, stale-if-error=86400";

    private static readonly byte[] BundleBytes = Encoding.UTF8.GetBytes(
        "/* Trusted Server tsjs: placeholder core bundle */\n"
        + "(function(w){\"use strict\";var ts=w.tsjs=w.tsjs||{};ts.loaded=true;ts.que=ts.que||[];"
        + "for(var i=0;i<ts.que.length;i++){try{ts.que[i]();}catch(e){}}ts.que={push:function(f){try{f();}catch(e){}}};})(window);\n");

    /// <summary>The bundle's bytes (UTF-8 JavaScript).</summary>
    public static ReadOnlyMemory<byte> Content => BundleBytes;

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public static string Hash { get; } = Convert.ToHexStringLower(SHA256.HashData(BundleBytes));

    /// <summary>The strong entity tag of the bundle.</summary>
    public static string ETag { get; } = "\"sha256-" + Hash + "\"";

    /// <summary>The tag injected as the first child of <c>&lt;head&gt;</c>.</summary>
    public static string ScriptTag { get; } = $"<script async src=\"{Path}?v={Hash}\" id=\"trustedserver-js\"></script>";
}
