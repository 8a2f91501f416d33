namespace TrustedServer.Core.Rewriting.Integrations.GptDiagnostics;

/// <summary>
/// The GPT diagnostics console's activation for one request, from its raw query and <c>Cookie</c> header: the
/// directive, whether this response is active, and the query without its <c>ts_console</c> pairs (the origin, caches
/// and auctions never see them). Directives are exact and case-sensitive; a duplicate directive or a duplicate cookie
/// fails closed (inactive for this response).
/// </summary>
/// <param name="Directive">What the query asked for.</param>
/// <param name="Active">Does this response get the console?</param>
/// <param name="CleanQuery">The query without <c>ts_console</c> pairs: empty, or starting with <c>?</c>.</param>
/// <param name="HadCookie">Did the request carry the activation cookie (to be removed before the origin)?</param>
public sealed record ConsoleSession(ConsoleDirective Directive, bool Active, string CleanQuery, bool HadCookie)
{
    /// <summary>The host-only activation cookie.</summary>
    public const string CookieName = "__Host-ts-console";

    /// <summary>The reserved query parameter.</summary>
    public const string QueryName = "ts_console";

    /// <summary>The <c>Set-Cookie</c> value that activates the session (a session cookie holding only the bit).</summary>
    public const string SetActivate = CookieName + "=1; Path=/; Secure; HttpOnly; SameSite=Lax";

    /// <summary>The <c>Set-Cookie</c> value that ends it.</summary>
    public const string SetDeactivate = CookieName + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax";

    /// <summary>Reads <paramref name="query"/> (empty or starting with <c>?</c>) and the request's <c>Cookie</c> headers.</summary>
    public static ConsoleSession Read(string query, IEnumerable<string?> cookieHeaders)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(cookieHeaders);
        var (directive, clean) = ReadQuery(query);
        var cookies = 0;
        var cookieActive = false;
        foreach (var header in cookieHeaders)
        {
            foreach (var part in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && part.AsSpan(0, equals).Trim().SequenceEqual(CookieName))
                {
                    cookies++;
                    cookieActive = part.AsSpan(equals + 1).Trim().SequenceEqual("1");
                }
            }
        }

        var active = directive switch
        {
            ConsoleDirective.Activate => true,
            ConsoleDirective.None => cookies == 1 && cookieActive,
            _ => false,
        };
        return new ConsoleSession(directive, active, clean, cookies > 0);
    }

    private static (ConsoleDirective Directive, string Clean) ReadQuery(string query)
    {
        if (query.Length <= 1 || !query.Contains(QueryName, StringComparison.Ordinal))
        {
            return (ConsoleDirective.None, query);
        }

        var kept = new List<string>();
        var values = new List<string>();
        foreach (var pair in query[1..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? pair[..equals] : pair;
            if (name == QueryName)
            {
                values.Add(equals >= 0 ? pair[(equals + 1)..] : string.Empty);
            }
            else
            {
                kept.Add(pair);
            }
        }

        if (values.Count == 0)
        {
            return (ConsoleDirective.None, query);
        }

        var clean = kept.All(p => p.Length == 0) ? string.Empty : "?" + string.Join('&', kept);
        var directive = values.Count != 1 ? ConsoleDirective.Invalid : values[0] switch
        {
            "1" or "true" => ConsoleDirective.Activate,
            "0" or "false" => ConsoleDirective.Deactivate,
            _ => ConsoleDirective.Invalid,
        };
        return (directive, clean);
    }
}
