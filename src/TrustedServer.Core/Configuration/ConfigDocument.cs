using Tomlyn.Syntax;
using TomlynParser = Tomlyn.Parsing.SyntaxParser;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// The raw configuration: sections of keyed values with their source lines, read from the TOML syntax tree (so every
/// value keeps its line) and then overlaid with <c>TRUSTED_SERVER__SECTION__KEY</c> environment variables.
/// </summary>
internal sealed class ConfigDocument
{
    public const string EnvironmentPrefix = "TRUSTED_SERVER__";

    private ConfigDocument(string source) => Source = source;

    public string Source { get; }

    /// <summary>Section name to its keys; a key maps to its value.</summary>
    public Dictionary<string, Dictionary<string, ConfigValue>> Sections { get; } = new(StringComparer.Ordinal);

    /// <summary>The environment variable that created a section the file does not have.</summary>
    public Dictionary<string, string> SectionVariables { get; } = new(StringComparer.Ordinal);

    /// <summary>The 1-based line of each section header.</summary>
    public Dictionary<string, int?> SectionLines { get; } = new(StringComparer.Ordinal);

    public List<ConfigError> Errors { get; } = [];

    /// <summary>Arrays of tables (<c>[[ec.partners]]</c>): name to its entries, each with its header line.</summary>
    public Dictionary<string, List<(int? Line, Dictionary<string, ConfigValue> Keys)>> TableArrays { get; } = new(StringComparer.Ordinal);

    /// <summary>The array-of-tables names the binders read; any other is reported.</summary>
    public static readonly string[] KnownTableArrays = ["ec.partners", "handlers", AuctionOptionsBinder.RulesTableArray, AssetRoutesBinder.TableArray, CreativeOpportunitiesOptionsBinder.SlotTableArray, DataDomeOptionsBinder.RulesTableArray];

    public static ConfigDocument Parse(string toml, string source, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(toml);
        var document = new ConfigDocument(source);
        var syntax = TomlynParser.Parse(toml, source, validate: true);
        // One syntax error can throw the parser off for the rest of the file (a missing quote gives a hundred errors,
        // the first ones after the real mistake): report the earliest alone.
        var syntaxError = syntax.Diagnostics
            .Where(d => d.Kind == DiagnosticMessageKind.Error)
            .OrderBy(d => d.Span.Start.Offset)
            .FirstOrDefault();
        if (syntaxError is not null)
        {
            var start = syntaxError.Span.Start;
            document.Errors.Add(new ConfigError("(syntax)", start.Line + 1, $"column {start.Column + 1}: {syntaxError.Message}", source));
            return document;
        }

        foreach (var keyValue in syntax.KeyValues)
        {
            var name = KeyName(keyValue.Key);
            document.Errors.Add(new ConfigError(name, Line(keyValue), "unknown top-level key (keys belong in a [section])", source));
        }

        foreach (var table in syntax.Tables)
        {
            var section = KeyName(table.Name);
            if (table is TableArraySyntax)
            {
                if (Array.IndexOf(KnownTableArrays, section) < 0)
                {
                    document.Errors.Add(new ConfigError(section, Line(table), "unexpected array of tables", source));
                    continue;
                }

                var entry = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
                foreach (var keyValue in table.Items)
                {
                    if (keyValue.Value is not null)
                    {
                        entry[KeyName(keyValue.Key)] = document.Convert(keyValue.Value, Line(keyValue));
                    }
                }

                if (!document.TableArrays.TryGetValue(section, out var entries))
                {
                    entries = [];
                    document.TableArrays[section] = entries;
                }

                entries.Add((Line(table), entry));
                continue;
            }

            var keys = document.Section(section, Line(table));
            foreach (var keyValue in table.Items)
            {
                var key = KeyName(keyValue.Key);
                if (keyValue.Value is null)
                {
                    continue;
                }

                keys[key] = document.Convert(keyValue.Value, Line(keyValue));
            }
        }

        if (environment is not null)
        {
            document.ApplyEnvironment(environment);
        }

        return document;
    }

    private Dictionary<string, ConfigValue> Section(string name, int? line, string? variable = null)
    {
        if (!Sections.TryGetValue(name, out var keys))
        {
            keys = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
            Sections[name] = keys;
            SectionLines[name] = line;
            if (variable is not null)
            {
                SectionVariables[name] = variable;
            }
        }

        return keys;
    }

    private void ApplyEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (value is null || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parts = name[EnvironmentPrefix.Length..].Split("__");
            if (parts.Length == 1)
            {
                // A whole table in one variable, as JSON (the only way to keep header-name casing).
                Section(parts[0].ToLowerInvariant(), null, name)[string.Empty] = new ConfigValue(value, null, name, FromEnvironment: true);
                continue;
            }

            var section = string.Join('.', parts[..^1]).ToLowerInvariant();
            var key = parts[^1].ToLowerInvariant();
            Section(section, null, name)[key] = new ConfigValue(value, null, name, FromEnvironment: true);
        }
    }

    private ConfigValue Convert(ValueSyntax value, int? line)
    {
        object converted = value switch
        {
            StringValueSyntax s => s.Value ?? string.Empty,
            IntegerValueSyntax i => i.Value,
            FloatValueSyntax f => f.Value,
            BooleanValueSyntax b => b.Value,
            ArraySyntax a => a.Items.Select(item => Convert(item.Value!, line)).ToList(),
            InlineTableSyntax t => t.Items.Where(item => item.KeyValue?.Value is not null)
                .ToDictionary(item => KeyName(item.KeyValue!.Key), item => Convert(item.KeyValue!.Value!, line), StringComparer.Ordinal),
            _ => value.ToString() ?? string.Empty,
        };
        return new ConfigValue(converted, line, Source);
    }

    private static int? Line(SyntaxNode node) => node.Span.Start.Line + 1;

    private static string KeyName(KeySyntax? key)
    {
        if (key is null)
        {
            return string.Empty;
        }

        var parts = new List<string> { Part(key.Key) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(Part(dotted.Key));
        }

        return string.Join('.', parts);
    }

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };
}
