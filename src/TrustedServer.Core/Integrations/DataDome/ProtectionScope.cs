using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Core.Integrations.DataDome;

/// <summary>
/// Decides whether one request goes to the Protection API: excluded methods, Trusted Server's own routes (its
/// scripts, integration proxies, first-party proxy, discovery and admin routes), excluded client networks, then the
/// configured rules in order. A path regex that runs out of time does not exclude: the request is protected.
/// </summary>
public static class ProtectionScope
{
    private static readonly string[] InternalPrefixes = ["/_ts/", "/__ts/", "/static/tsjs=", "/integrations/", "/first-party/", "/.well-known/trusted-server.json"];

    private static readonly string[] InternalPaths = ["/verify-signature", "/health"];

    /// <summary>Null to protect the request, or why it is skipped.</summary>
    public static ProtectionSkip? Evaluate(DataDomeOptions options, ProtectionRequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(facts);
        if (options.ExcludedMethods.Contains(facts.Method, StringComparer.Ordinal))
        {
            return new ProtectionSkip("protection_excluded_methods", "method");
        }

        if (InternalPaths.Contains(facts.Path, StringComparer.Ordinal) || InternalPrefixes.Any(p => facts.Path.StartsWith(p, StringComparison.Ordinal)))
        {
            return new ProtectionSkip("internal-route", "internal_route");
        }

        if (facts.ClientAddress is { } address && options.ExcludedNetworks.Any(n => n.Contains(Normalize(address))))
        {
            return new ProtectionSkip("protection_excluded_ip_cidrs", "ip");
        }

        foreach (var rule in options.ExclusionRules)
        {
            if (rule.Methods.Count > 0 && !rule.Methods.Contains(facts.Method, StringComparer.Ordinal))
            {
                continue;
            }

            if (Matches(rule, facts))
            {
                return new ProtectionSkip(rule.Id, Reason(rule.Kind));
            }
        }

        return null;
    }

    private static bool Matches(DataDomeExclusionRule rule, ProtectionRequestFacts facts) => rule.Kind switch
    {
        DataDomeRuleKind.PathExact => rule.Values.Contains(facts.Path, StringComparer.Ordinal),
        DataDomeRuleKind.PathPrefix => rule.Values.Any(p => facts.Path.StartsWith(p, StringComparison.Ordinal)),
        DataDomeRuleKind.PathRegex => rule.Patterns.Any(p => SafeMatch(p, facts.Path)),
        DataDomeRuleKind.QueryParamNonEmpty => HasNonEmpty(facts.Query, rule.Values),
        DataDomeRuleKind.IpCidr => facts.ClientAddress is { } a && rule.Networks.Any(n => n.Contains(Normalize(a))),
        _ => false,
    };

    private static bool SafeMatch(Regex pattern, string path)
    {
        try
        {
            return pattern.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool HasNonEmpty(string query, IReadOnlyList<string> names)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                continue;
            }

            var name = Uri.UnescapeDataString(pair[..eq].Replace('+', ' '));
            if (names.Contains(name, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static System.Net.IPAddress Normalize(System.Net.IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Reason(DataDomeRuleKind kind) => kind switch
    {
        DataDomeRuleKind.PathExact or DataDomeRuleKind.PathPrefix or DataDomeRuleKind.PathRegex => "path",
        DataDomeRuleKind.QueryParamNonEmpty => "query",
        _ => "ip",
    };
}
