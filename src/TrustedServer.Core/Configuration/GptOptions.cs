namespace TrustedServer.Core.Configuration;

/// <summary><c>[integrations.gpt]</c>: Google Publisher Tag served first-party.</summary>
public sealed record GptOptions
{
    /// <summary>The default <c>script_url</c>.</summary>
    public static readonly Uri DefaultScriptUrl = new("https://securepubads.g.doubleclick.net/tag/js/gpt.js");

    /// <summary><c>enabled</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>script_url</c>: the bootstrap script; its origin is also where <c>pagead/*</c> and <c>tag/*</c> are fetched.</summary>
    public Uri ScriptUrl { get; init; } = DefaultScriptUrl;

    /// <summary><c>cache_ttl_seconds</c>: <c>max-age</c> of the proxied scripts (60 to 86400).</summary>
    public int CacheTtlSeconds { get; init; } = 3600;

    /// <summary><c>rewrite_script</c>: rewrite GPT script tags in pages to the first-party route.</summary>
    public bool RewriteScript { get; init; } = true;

    /// <summary><c>gam_attribution_enabled</c>: the bootstrap asks for page-level <c>ts=true</c> targeting.</summary>
    public bool GamAttributionEnabled { get; init; }

    /// <summary>The origin (scheme, host, port) of <see cref="ScriptUrl"/>.</summary>
    public Uri UpstreamOrigin => new(ScriptUrl.GetLeftPart(UriPartial.Authority) + "/");
}
