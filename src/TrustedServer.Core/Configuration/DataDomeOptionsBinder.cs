using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.datadome]</c> and its <c>[[integrations.datadome.protection_exclusion_rules]]</c>.</summary>
internal static class DataDomeOptionsBinder
{
    public const string RulesTableArray = "integrations.datadome.protection_exclusion_rules";

    public static DataDomeOptions DataDome(ConfigSectionReader r, IReadOnlyList<ConfigSectionReader> rules)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var sdk = IntegrationsOptionsBinder.UpstreamUrl(r, "sdk_origin", allowPath: false) ?? DataDomeOptions.DefaultSdkOrigin;
        var api = IntegrationsOptionsBinder.UpstreamUrl(r, "api_origin", allowPath: false) ?? DataDomeOptions.DefaultApiOrigin;
        var ttl = IntegrationsOptionsBinder.Range(r, "cache_ttl_seconds", 60, 86400) ?? 3600;
        var rewrite = r.Boolean("rewrite_sdk") ?? true;
        var protection = r.Boolean("enable_protection") ?? false;
        var key = r.String("server_side_key")?.Trim();
        OptionsBinder.Secret(r, "server_side_key", key, SecretRules.TokenMinimumBytes);
        if (enabled && protection && string.IsNullOrEmpty(key))
        {
            r.Error("server_side_key", "is required when enable_protection = true (set it here or in TRUSTED_SERVER__INTEGRATIONS__DATADOME__SERVER_SIDE_KEY)");
        }

        var protectionOrigin = IntegrationsOptionsBinder.UpstreamUrl(r, "protection_api_origin", allowPath: false) ?? DataDomeOptions.DefaultProtectionApiOrigin;
        var timeout = IntegrationsOptionsBinder.Range(r, "timeout_ms", 1, 10000) ?? 1500;
        var methods = Methods(r, "protection_excluded_methods") ?? ["OPTIONS"];
        var networks = Networks(r, "protection_excluded_ip_cidrs") ?? [];
        var bypass = r.String("protection_test_bypass_secret");
        OptionsBinder.Secret(r, "protection_test_bypass_secret", bypass, SecretRules.SecretMinimumBytes);
        var clientKey = r.String("client_side_key")?.Trim() ?? string.Empty;
        var inject = r.Boolean("inject_client_side_tag") ?? true;
        var tagUrl = TagUrl(r) ?? DataDomeOptions.DefaultClientSideTagUrl;
        var configuration = ClientConfiguration(r) ?? "{\"ajaxListenerPath\":true}";
        r.ReportUnknownKeys();

        var bound = new List<DataDomeExclusionRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (Rule(rule) is { } parsed)
            {
                if (!ids.Add(parsed.Id))
                {
                    rule.Error("id", $"\"{parsed.Id}\" names an earlier rule too");
                }

                bound.Add(parsed);
            }
        }

        return new DataDomeOptions
        {
            Enabled = enabled,
            SdkOrigin = sdk,
            ApiOrigin = api,
            CacheTtlSeconds = ttl,
            RewriteSdk = rewrite,
            EnableProtection = protection,
            ServerSideKey = string.IsNullOrEmpty(key) ? null : key,
            ProtectionApiOrigin = protectionOrigin,
            Timeout = TimeSpan.FromMilliseconds(timeout),
            ExcludedMethods = methods,
            ExcludedNetworks = networks,
            ExclusionRules = rules.Count == 0 ? [DataDomeOptions.DefaultStaticAssetRule()] : bound,
            TestBypassSecret = bypass,
            ClientSideKey = clientKey,
            InjectClientSideTag = inject,
            ClientSideTagUrl = tagUrl,
            ClientSideConfigurationJson = configuration,
        };
    }

    private static DataDomeExclusionRule? Rule(ConfigSectionReader r)
    {
        var id = r.String("id", required: true)?.Trim();
        if (id is { Length: 0 })
        {
            r.Error("id", "must not be empty");
        }

        var methods = Methods(r, "methods") ?? [];
        var type = r.String("type", required: true);
        DataDomeExclusionRule? rule = null;
        switch (type)
        {
            case null:
                break;
            case "path_exact":
                rule = new DataDomeExclusionRule { Id = id ?? string.Empty, Kind = DataDomeRuleKind.PathExact, Values = Paths(r, "paths") };
                break;
            case "path_prefix":
                rule = new DataDomeExclusionRule { Id = id ?? string.Empty, Kind = DataDomeRuleKind.PathPrefix, Values = Paths(r, "prefixes") };
                break;
            case "path_regex":
                rule = new DataDomeExclusionRule { Id = id ?? string.Empty, Kind = DataDomeRuleKind.PathRegex, Patterns = Patterns(r) };
                break;
            case "query_param_non_empty":
                rule = new DataDomeExclusionRule { Id = id ?? string.Empty, Kind = DataDomeRuleKind.QueryParamNonEmpty, Values = NonEmpty(r, "names", r.StringList("names")) };
                break;
            case "ip_cidr":
                rule = new DataDomeExclusionRule { Id = id ?? string.Empty, Kind = DataDomeRuleKind.IpCidr, Networks = NonEmpty(r, "cidrs", Networks(r, "cidrs")) };
                break;
            default:
                r.Error("type", $"must be path_exact, path_prefix, path_regex, query_param_non_empty or ip_cidr (found \"{type}\")");
                break;
        }

        r.ReportUnknownKeys();
        return rule is null || string.IsNullOrEmpty(id) ? null : rule with { Methods = methods };
    }

    private static IReadOnlyList<string> Paths(ConfigSectionReader r, string key)
    {
        var paths = NonEmpty(r, key, r.StringList(key));
        if (paths.Any(p => !p.StartsWith('/')))
        {
            r.Error(key, "every entry must be a path starting with /");
            return [];
        }

        return paths;
    }

    private static List<Regex> Patterns(ConfigSectionReader r)
    {
        var result = new List<Regex>();
        foreach (var pattern in NonEmpty(r, "patterns", r.StringList("patterns")))
        {
            if (BoundedRegex.TryCreate(pattern, DataDomeOptions.RegexMatchTimeout, out var problem) is { } regex)
            {
                result.Add(regex);
            }
            else
            {
                r.Error("patterns", problem!);
            }
        }

        return result;
    }

    private static IReadOnlyList<T> NonEmpty<T>(ConfigSectionReader r, string key, IReadOnlyList<T>? values)
    {
        if (values is null || values.Count == 0)
        {
            r.Error(key, "is required for this rule type and must not be empty");
            return [];
        }

        return values;
    }

    private static List<string>? Methods(ConfigSectionReader r, string key)
    {
        var values = r.StringList(key);
        if (values is null)
        {
            return null;
        }

        var methods = new List<string>();
        foreach (var value in values)
        {
            var method = value.Trim().ToUpperInvariant();
            if (method.Length == 0 || !method.All(char.IsAsciiLetterUpper))
            {
                r.Error(key, $"\"{value}\" is not an HTTP method");
                return null;
            }

            methods.Add(method);
        }

        return methods;
    }

    private static List<IPNetwork>? Networks(ConfigSectionReader r, string key)
    {
        var values = r.StringList(key);
        if (values is null)
        {
            return null;
        }

        var networks = new List<IPNetwork>();
        foreach (var value in values)
        {
            if (!ConfigLoader.TryParseNetwork(value, out var network))
            {
                r.Error(key, $"\"{value}\" is not an IP address or CIDR range");
                return null;
            }

            networks.Add(network);
        }

        return networks;
    }

    private static string? TagUrl(ConfigSectionReader r)
    {
        var value = r.String("client_side_tag_url")?.Trim();
        if (value is null)
        {
            return null;
        }

        var rootRelative = value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal);
        var https = Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.UserInfo.Length == 0;
        if ((!rootRelative && !https) || value.Any(c => c is '"' or '<' or '>' or '\'' || char.IsWhiteSpace(c)))
        {
            r.Error("client_side_tag_url", "must be a root-relative path (/...) or an https:// URL");
            return null;
        }

        return value;
    }

    /// <summary>An inline table of scalars (or, from the environment, a JSON object), as JSON safe inside a script.</summary>
    private static string? ClientConfiguration(ConfigSectionReader r)
    {
        var value = r.Find("client_side_configuration");
        if (value is null)
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            if (value.Value is IReadOnlyDictionary<string, ConfigValue> table)
            {
                json.WriteStartObject();
                foreach (var (name, item) in table)
                {
                    switch (item.Value)
                    {
                        case string s: json.WriteString(name, s); break;
                        case bool b: json.WriteBoolean(name, b); break;
                        case long l: json.WriteNumber(name, l); break;
                        case double d: json.WriteNumber(name, d); break;
                        default:
                            r.Error("client_side_configuration", value, $"\"{name}\" must be a string, number or boolean");
                            return null;
                    }
                }

                json.WriteEndObject();
            }
            else if (value.Value is string text && value.FromEnvironment)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new JsonException();
                    }

                    document.RootElement.WriteTo(json);
                }
                catch (JsonException)
                {
                    r.Error("client_side_configuration", value, "expected a JSON object");
                    return null;
                }
            }
            else
            {
                r.Error("client_side_configuration", value, $"expected a table, found {value.TypeName}");
                return null;
            }
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
