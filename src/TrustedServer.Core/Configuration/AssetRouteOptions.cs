using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>One <c>[[proxy.asset_routes]]</c> entry: a path prefix served from another origin, without signing.</summary>
public sealed record AssetRouteOptions
{
    /// <summary><c>prefix</c>: the request path prefix (the longest matching prefix wins).</summary>
    public required string Prefix { get; init; }

    /// <summary><c>origin_url</c>: scheme, host and optional port only.</summary>
    public required Uri OriginUrl { get; init; }

    /// <summary><c>path_pattern</c>: a regular expression over the request path, with <see cref="TargetPath"/>.</summary>
    public Regex? PathPattern { get; init; }

    /// <summary><c>target_path</c>: the origin path, with <c>$1</c>-style groups of <see cref="PathPattern"/>.</summary>
    public string? TargetPath { get; init; }

    /// <summary><c>origin_query</c>: <c>preserve</c> (default) sends the request's query on, <c>strip</c> drops it.</summary>
    public bool StripQuery { get; init; }
}
