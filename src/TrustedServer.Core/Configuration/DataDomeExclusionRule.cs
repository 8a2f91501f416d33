using System.Net;
using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>One <c>[[integrations.datadome.protection_exclusion_rules]]</c> entry: requests it matches skip the
/// Protection API. Exactly one matcher list is set, as <see cref="Kind"/> says.</summary>
public sealed record DataDomeExclusionRule
{
    /// <summary><c>id</c>: named in the skip log line.</summary>
    public required string Id { get; init; }

    /// <summary><c>type</c>.</summary>
    public required DataDomeRuleKind Kind { get; init; }

    /// <summary><c>methods</c>: the rule applies only to these (upper case); empty for every method.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary><c>paths</c> (<c>path_exact</c>) or <c>prefixes</c> (<c>path_prefix</c>) or <c>names</c>
    /// (<c>query_param_non_empty</c>).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary><c>patterns</c> (<c>path_regex</c>), compiled with a match timeout.</summary>
    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    /// <summary><c>cidrs</c> (<c>ip_cidr</c>).</summary>
    public IReadOnlyList<IPNetwork> Networks { get; init; } = [];
}
