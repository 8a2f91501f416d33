namespace TrustedServer.Core.Configuration;

/// <summary>The <c>type</c> of a DataDome exclusion rule.</summary>
public enum DataDomeRuleKind
{
    /// <summary><c>path_exact</c>: the path equals one of <c>paths</c>.</summary>
    PathExact,

    /// <summary><c>path_prefix</c>: the path starts with one of <c>prefixes</c>.</summary>
    PathPrefix,

    /// <summary><c>path_regex</c>: one of <c>patterns</c> matches the path.</summary>
    PathRegex,

    /// <summary><c>query_param_non_empty</c>: one of <c>names</c> is in the query with a non-empty value.</summary>
    QueryParamNonEmpty,

    /// <summary><c>ip_cidr</c>: the client address is in one of <c>cidrs</c>.</summary>
    IpCidr,
}
