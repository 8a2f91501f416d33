using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Configuration;

/// <summary><c>[rewrite]</c>: what the URL mapper maps besides the origin host.</summary>
public sealed record RewriteOptions
{
    /// <summary><c>hosts</c>: more origin hosts (e.g. <c>static.example.com</c>) mapped to first-party URLs.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>
    /// <see cref="Hosts"/> parsed: each entry is <c>"host[:port]"</c> (mapped onto the request host) or
    /// <c>"host[:port]=/prefix"</c> (mapped onto that first-party path prefix).
    /// </summary>
    public IReadOnlyList<HostMapping> HostMappings { get; init; } = [];

    /// <summary><c>exclude_domains</c>: hosts never rewritten (exact or <c>*.</c> suffix).</summary>
    public IReadOnlyList<string> ExcludeDomains { get; init; } = [];
}
