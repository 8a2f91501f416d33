using System.Globalization;
using System.Text.Json;

namespace TrustedServer.Core.Configuration;

/// <summary>Reads typed values from one section, records every error, and remembers which keys were read.</summary>
internal sealed class ConfigSectionReader(string section, IReadOnlyDictionary<string, ConfigValue> keys, List<ConfigError> errors, string source)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Section { get; } = section;

    /// <summary>The section header's line, used for errors about keys that are missing.</summary>
    public int? Line { get; init; }
    /// <summary>Every key the binder asked for: the section's accepted keys (used to check the docs cannot drift).</summary>
    public IReadOnlyCollection<string> KeysRead => _read;

    public void Error(string key, string message) => Error(key, Find(key), message);

    public void Error(string key, ConfigValue? value, string message) =>
        errors.Add(new ConfigError(Section + "." + key, value?.Line ?? Line, message, value?.Source ?? source));

    public ConfigValue? Find(string key)
    {
        _read.Add(key);
        return keys.GetValueOrDefault(key);
    }

    public string? String(string key, bool required = false)
    {
        var value = Find(key);
        if (value is null)
        {
            if (required)
            {
                Error(key, null, "is required");
            }

            return null;
        }

        if (value.Value is string text)
        {
            return text;
        }

        Error(key, value, $"expected a string, found {value.TypeName}");
        return null;
    }

    public long? Integer(string key)
    {
        var value = Find(key);
        switch (value?.Value)
        {
            case null:
                return null;
            case long number:
                return number;
            case string text when value.FromEnvironment:
                if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                Error(key, value, $"expected an integer, found \"{text}\"");
                return null;
            default:
                Error(key, value, $"expected an integer, found {value.TypeName}");
                return null;
        }
    }

    public bool? Boolean(string key)
    {
        var value = Find(key);
        switch (value?.Value)
        {
            case null:
                return null;
            case bool flag:
                return flag;
            case string text when value.FromEnvironment && bool.TryParse(text.Trim(), out var parsed):
                return parsed;
            default:
                Error(key, value, $"expected a boolean, found {(value.FromEnvironment ? "\"" + value.Value + "\"" : value.TypeName)}");
                return null;
        }
    }

    public IReadOnlyList<string>? StringList(string key)
    {
        var value = Find(key);
        switch (value?.Value)
        {
            case null:
                return null;
            case IReadOnlyList<ConfigValue> items:
                var result = new List<string>(items.Count);
                foreach (var item in items)
                {
                    if (item.Value is string text)
                    {
                        result.Add(text);
                    }
                    else
                    {
                        Error(key, value, $"expected an array of strings, found an element that is {item.TypeName}");
                        return null;
                    }
                }

                return result;
            case string text when value.FromEnvironment:
                return ParseEnvironmentList(key, value, text);
            default:
                Error(key, value, $"expected an array of strings, found {value.TypeName}");
                return null;
        }
    }

    /// <summary>Every key of the section, all marked as read (for sections whose keys are data, such as a bidder's params).</summary>
    public IReadOnlyDictionary<string, ConfigValue> AllKeys()
    {
        foreach (var key in keys.Keys)
        {
            _read.Add(key);
        }

        return keys;
    }

    /// <summary>Reads the whole section as a map of string values (for <c>[response_headers]</c>).</summary>
    public Dictionary<string, string> StringMap()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in keys)
        {
            _read.Add(key);
            if (key.Length == 0 && value.Value is string json && value.FromEnvironment)
            {
                try
                {
                    foreach (var (name, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                    {
                        map[name] = text;
                    }
                }
                catch (JsonException)
                {
                    Error("*", value, "expected a JSON object of string values");
                }

                continue;
            }

            if (value.Value is string text2)
            {
                // Environment keys arrive upper-cased with underscores; header names use hyphens.
                map[value.FromEnvironment ? key.Replace('_', '-') : key] = text2;
            }
            else
            {
                Error(key, value, $"expected a string, found {value.TypeName}");
            }
        }

        return map;
    }

    /// <summary>Reports every key present that was never read.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (key, value) in keys)
        {
            if (!_read.Contains(key))
            {
                Error(key.Length == 0 ? "*" : key, value, "unknown key");
            }
        }
    }

    private List<string>? ParseEnvironmentList(string key, ConfigValue value, string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<List<string>>(trimmed) ?? [];
            }
            catch (JsonException)
            {
                Error(key, value, "expected a JSON array of strings");
                return null;
            }
        }

        return [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
