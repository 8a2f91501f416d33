using System.Collections;
using System.Net;

namespace TrustedServer.Core.Configuration;

/// <summary>
/// Loads <c>trusted-server.toml</c> with environment overrides into <see cref="TrustedServerOptions"/>, reporting every
/// unknown key, wrong type and invalid value at once, each with its key and line.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] KnownSections = ["server", "publisher", "proxy", "response_headers", "ec", "consent", "consent.gdpr", "consent.us_states", "consent.us_privacy_defaults", "consent.conflict_resolution", "rewrite", "geo", "logging", "telemetry", "request_signing", "auction", "integrations.prebid", "integrations.aps", "integrations.adserver_mock", "integrations.gpt", "integrations.google_tag_manager", "integrations.didomi", "integrations.sourcepoint", "integrations.osano", "integrations.gpt_diagnostics", "integrations.nextjs", "integrations.permutive", "integrations.lockr", "integrations.datadome", "creative_opportunities", "debug", "debug.auction_html_comment_options"];

    /// <summary>Reads and loads a file, with overrides from the process environment.</summary>
    public static ConfigLoadResult LoadFile(string path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return FileError(path, "is a directory, not a configuration file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileError(path, ex.Message);
        }

        if (ConfigText.Decode(bytes) is not { } text)
        {
            return FileError(path, "is not UTF-8 text (is it a trusted-server.toml?)");
        }

        return Load(text, path, environment ?? ProcessEnvironment());
    }

    private static ConfigLoadResult FileError(string path, string message) =>
        new(null, [new ConfigError("(file)", null, message, path)]);

    /// <summary>Loads configuration text; <paramref name="environment"/> holds the overrides (null for none).</summary>
    public static ConfigLoadResult Load(string toml, string source, IReadOnlyDictionary<string, string?>? environment) =>
        Load(toml, source, environment, null);

    /// <summary>The sections the loader accepts.</summary>
    internal static IReadOnlyList<string> Sections => KnownSections;

    /// <summary>Every section and the keys its binder accepts, found by running the binders over an empty file.</summary>
    internal static IReadOnlyList<(string Section, string Key)> KnownKeys()
    {
        var readers = new List<ConfigSectionReader>();
        Load(string.Empty, "(keys)", null, readers);
        return [.. readers.SelectMany(r => r.KeysRead.Order(StringComparer.Ordinal).Select(k => (r.Section, k)))];
    }

    private static ConfigLoadResult Load(string toml, string source, IReadOnlyDictionary<string, string?>? environment, List<ConfigSectionReader>? readers)
    {
        var document = ConfigDocument.Parse(toml, source, environment);
        var errors = document.Errors;
        if (errors.Count > 0)
        {
            return new ConfigLoadResult(null, errors);
        }

        foreach (var section in document.Sections.Keys)
        {
            if (Array.IndexOf(KnownSections, section) < 0 && !RequestSigningOptionsBinder.IsHandlerOverlay(section) && !IsBidderSection(section))
            {
                errors.Add(document.SectionVariables.TryGetValue(section, out var variable)
                    ? new ConfigError(section, null, "unknown section (in this environment variable's name)", variable)
                    : new ConfigError(section, document.SectionLines[section], "unknown section", source));
            }
        }

        ConfigSectionReader Reader(string name)
        {
            var reader = new ConfigSectionReader(name, document.Sections.GetValueOrDefault(name) ?? [], errors, source);
            readers?.Add(reader);
            return reader;
        }

        var publisherReader = Reader("publisher");
        if (!document.Sections.ContainsKey("publisher"))
        {
            errors.Add(new ConfigError("publisher", null, "section [publisher] is required", source));
        }

        var publisher = OptionsBinder.Publisher(publisherReader);
        var server = ServerOptionsBinder.Server(Reader("server"));
        var proxy = OptionsBinder.Proxy(Reader("proxy"));
        var headers = OptionsBinder.ResponseHeaders(Reader("response_headers"));
        var partnerReaders = (document.TableArrays.GetValueOrDefault("ec.partners") ?? [])
            .Select((entry, i) => new ConfigSectionReader($"ec.partners[{i}]", entry.Keys, errors, source) { Line = entry.Line })
            .ToList();
        var ec = IdentityOptionsBinder.Ec(Reader("ec"), partnerReaders, publisher?.Domain);
        var consent = IdentityOptionsBinder.Consent(Reader("consent"), Reader("consent.gdpr"), Reader("consent.us_states"), Reader("consent.us_privacy_defaults"), Reader("consent.conflict_resolution"));
        var rewrite = OptionsBinder.Rewrite(Reader("rewrite"));
        var geo = OptionsBinder.Geo(Reader("geo"));
        var logging = OptionsBinder.Logging(Reader("logging"));
        var telemetry = OptionsBinder.Telemetry(Reader("telemetry"));
        var signing = RequestSigningOptionsBinder.RequestSigning(Reader("request_signing"));
        var handlers = RequestSigningOptionsBinder.Handlers(document, errors, source);
        RequestSigningOptionsBinder.CheckCoverage(signing, handlers, errors, source);
        ConfigSectionReader LinedReader(string name)
        {
            var reader = new ConfigSectionReader(name, document.Sections.GetValueOrDefault(name) ?? [], errors, source) { Line = document.SectionLines.GetValueOrDefault(name) };
            readers?.Add(reader);
            return reader;
        }

        List<ConfigSectionReader> BidderSections(string prefix) =>
            [.. document.Sections.Keys.Where(s => s.StartsWith(prefix, StringComparison.Ordinal) && s.Length > prefix.Length).Order(StringComparer.Ordinal)
                .Select(s => new ConfigSectionReader(s, document.Sections[s], errors, source) { Line = document.SectionLines[s] })];
        var ruleReaders = (document.TableArrays.GetValueOrDefault(AuctionOptionsBinder.RulesTableArray) ?? [])
            .Select((entry, i) => new ConfigSectionReader($"{AuctionOptionsBinder.RulesTableArray}[{i}]", entry.Keys, errors, source) { Line = entry.Line })
            .ToList();
        var auction = AuctionOptionsBinder.Auction(
            LinedReader("auction"),
            LinedReader("integrations.prebid"),
            BidderSections(AuctionOptionsBinder.OverridesPrefix),
            BidderSections(AuctionOptionsBinder.ZoneOverridesPrefix),
            ruleReaders,
            LinedReader("integrations.aps"),
            LinedReader("integrations.adserver_mock"));
        var slotReaders = (document.TableArrays.GetValueOrDefault(CreativeOpportunitiesOptionsBinder.SlotTableArray) ?? [])
            .Select((entry, i) => new ConfigSectionReader($"{CreativeOpportunitiesOptionsBinder.SlotTableArray}[{i}]", entry.Keys, errors, source) { Line = entry.Line })
            .ToList();
        var opportunities = CreativeOpportunitiesOptionsBinder.CreativeOpportunities(LinedReader("creative_opportunities"), slotReaders, document.Sections.ContainsKey("creative_opportunities"));
        var debug = CreativeOpportunitiesOptionsBinder.Debug(LinedReader("debug"), LinedReader("debug.auction_html_comment_options"));

        var integrations = IntegrationsOptionsBinder.Integrations(LinedReader("integrations.gpt"), LinedReader("integrations.google_tag_manager")) with
        {
            NextJs = NextJsOptionsBinder.NextJs(LinedReader("integrations.nextjs")),
        };
        integrations = ConsentIntegrationsBinder.Bind(integrations, LinedReader("integrations.didomi"), LinedReader("integrations.sourcepoint"), LinedReader("integrations.osano"), LinedReader("integrations.gpt_diagnostics"));
        var dataDomeRules = (document.TableArrays.GetValueOrDefault(DataDomeOptionsBinder.RulesTableArray) ?? [])
            .Select((entry, i) => new ConfigSectionReader($"{DataDomeOptionsBinder.RulesTableArray}[{i}]", entry.Keys, errors, source) { Line = entry.Line })
            .ToList();
        integrations = integrations with
        {
            Permutive = AudienceIntegrationsBinder.Permutive(LinedReader("integrations.permutive")),
            Lockr = AudienceIntegrationsBinder.Lockr(LinedReader("integrations.lockr")),
            DataDome = DataDomeOptionsBinder.DataDome(LinedReader("integrations.datadome"), dataDomeRules),
        };
        var assetRoutes = AssetRoutesBinder.Bind([.. (document.TableArrays.GetValueOrDefault(AssetRoutesBinder.TableArray) ?? [])
            .Select((entry, i) => new ConfigSectionReader($"{AssetRoutesBinder.TableArray}[{i}]", entry.Keys, errors, source) { Line = entry.Line })]);

        if (errors.Count > 0 || publisher is null)
        {
            return new ConfigLoadResult(null, [.. errors.OrderBy(e => e.Line ?? int.MaxValue)]);
        }

        var options = new TrustedServerOptions
        {
            Server = server,
            Publisher = publisher,
            Proxy = proxy with { AssetRoutes = assetRoutes },
            ResponseHeaders = headers,
            Ec = ec,
            Consent = consent,
            Rewrite = rewrite,
            Geo = geo,
            Logging = logging,
            Telemetry = telemetry,
            RequestSigning = signing,
            Handlers = handlers,
            Auction = auction,
            Integrations = integrations,
            CreativeOpportunities = opportunities,
            Debug = debug,
        };
        return new ConfigLoadResult(options, []);
    }

    private static bool IsBidderSection(string section) =>
        (section.StartsWith(AuctionOptionsBinder.OverridesPrefix, StringComparison.Ordinal) && section.Length > AuctionOptionsBinder.OverridesPrefix.Length)
        || (section.StartsWith(AuctionOptionsBinder.ZoneOverridesPrefix, StringComparison.Ordinal) && section.Length > AuctionOptionsBinder.ZoneOverridesPrefix.Length);

    /// <summary>The <c>TRUSTED_SERVER__*</c> variables of the current process.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith(ConfigDocument.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[name] = entry.Value as string;
            }
        }

        return result;
    }

    /// <summary>Parses an address or CIDR range (<c>10.0.0.0/8</c>, <c>::1</c>).</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (IPNetwork.TryParse(trimmed, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(trimmed, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}
