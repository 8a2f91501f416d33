namespace TrustedServer.Hosting.Cli;

/// <summary>What changed between the origin's response headers and the client's.</summary>
internal static class HeaderDiff
{
    public static IEnumerable<string> Lines(IEnumerable<KeyValuePair<string, string>> origin, IEnumerable<KeyValuePair<string, string>> client)
    {
        var before = Group(origin);
        var after = Group(client);
        foreach (var name in before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var had = before.TryGetValue(name, out var old);
            var has = after.TryGetValue(name, out var now);
            if (had && !has)
            {
                yield return $"- {name}: {old}";
            }
            else if (!had && has)
            {
                yield return $"+ {name}: {now}";
            }
            else if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                yield return $"~ {name}: {old} -> {now}";
            }
        }
    }

    private static Dictionary<string, string> Group(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(h => h.Value)), StringComparer.OrdinalIgnoreCase);
}
