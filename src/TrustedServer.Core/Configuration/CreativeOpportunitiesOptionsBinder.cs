using System.Globalization;
using TrustedServer.Core.Auction;
using TrustedServer.Core.Auction.Opportunities;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[creative_opportunities]</c> with its <c>[[creative_opportunities.slot]]</c> tables, and <c>[debug]</c>.</summary>
internal static class CreativeOpportunitiesOptionsBinder
{
    public const string SlotTableArray = "creative_opportunities.slot";

    private static readonly string[] Granularities = ["low", "medium", "high", "dense", "auto"];

    /// <summary>The section, or null when the file has no <c>[creative_opportunities]</c> and no slot.</summary>
    public static CreativeOpportunitiesOptions? CreativeOpportunities(ConfigSectionReader r, IReadOnlyList<ConfigSectionReader> slots, bool present)
    {
        var network = r.String("gam_network_id");
        var granularityText = r.String("price_granularity");
        var granularity = PriceGranularity.Dense;
        if (granularityText is not null)
        {
            var index = Array.IndexOf(Granularities, granularityText.Trim().ToLowerInvariant());
            if (index < 0)
            {
                r.Error("price_granularity", $"must be one of {string.Join(", ", Granularities)} (found \"{granularityText}\")");
            }
            else
            {
                granularity = Enum.Parse<PriceGranularity>(Granularities[index], ignoreCase: true);
            }
        }

        var sectionRoot = r.String("section_root");
        var sectionSegment = r.Integer("section_segment") ?? 0;
        if (sectionSegment is < 0 or > 64)
        {
            r.Error("section_segment", $"must be between 0 and 64 (found {sectionSegment})");
            sectionSegment = 0;
        }

        var timeout = OptionsBinder.Positive(r, "auction_timeout_ms");
        var bound = new List<CreativeSlotOptions>(slots.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in slots)
        {
            if (Slot(slot, ids) is { } s)
            {
                bound.Add(s);
            }
        }

        r.ReportUnknownKeys();
        if (!present && slots.Count == 0)
        {
            return null;
        }

        if (sectionRoot is not null && (sectionRoot.Length == 0 || !sectionRoot.All(SectionName.IsAllowed)))
        {
            r.Error("section_root", "must be one or more of A-Z, a-z, 0-9, \"_\" and \"-\"");
        }
        else if (sectionRoot is null && bound.Any(s => GamUnitPath.UsesSection(s.GamUnitPath)))
        {
            r.Error("section_root", "is required when a slot's gam_unit_path uses {section}");
        }

        if (string.IsNullOrWhiteSpace(network) && bound.Any(s => GamUnitPath.UsesNetwork(s.GamUnitPath)))
        {
            r.Error("gam_network_id", "is required when a slot has no gam_unit_path or its template uses {network_id}");
        }

        return new CreativeOpportunitiesOptions
        {
            GamNetworkId = network?.Trim(),
            PriceGranularity = granularity,
            SectionRoot = sectionRoot,
            SectionSegment = (int)sectionSegment,
            AuctionTimeout = timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Slots = bound,
        };
    }

    private static CreativeSlotOptions? Slot(ConfigSectionReader r, HashSet<string> ids)
    {
        var id = r.String("id", required: true);
        var ok = true;
        if (id is not null && id.Trim().Length == 0)
        {
            r.Error("id", "must not be empty");
            ok = false;
        }
        else if (id is not null && !ids.Add(id))
        {
            r.Error("id", $"\"{id}\" is used by an earlier slot; slot ids must be unique");
            ok = false;
        }

        var path = r.String("gam_unit_path");
        if (path is not null && GamUnitPath.UnknownPlaceholder(path) is { } unknown)
        {
            r.Error("gam_unit_path", $"unknown placeholder \"{unknown}\"; use {{network_id}}, {{slot_id}} or {{section}}");
            ok = false;
        }

        var divId = r.String("div_id");
        if (divId is not null && divId.Trim().Length == 0)
        {
            r.Error("div_id", "must not be empty");
            ok = false;
        }

        var patterns = r.StringList("page_patterns") ?? [];
        if (patterns.Count == 0)
        {
            r.Error("page_patterns", "must list at least one path pattern");
            ok = false;
        }

        foreach (var pattern in patterns)
        {
            if (PagePattern.Problem(pattern) is { } problem)
            {
                r.Error("page_patterns", $"\"{pattern}\" {problem}");
                ok = false;
            }
        }

        var formats = Formats(r);
        ok &= formats is not null;
        var floor = Floor(r);
        var targeting = Targeting(r);
        ok &= targeting is not null;
        var providers = r.StringList("providers") ?? [];
        foreach (var provider in providers)
        {
            var registration = AuctionProviderCatalog.Find(provider);
            if (registration is null || registration.IsMediator)
            {
                r.Error("providers", $"\"{provider}\" is not a bidding provider; known providers: {string.Join(", ", AuctionProviderCatalog.All.Where(p => !p.IsMediator).Select(p => p.Name))}");
                ok = false;
            }
        }

        r.ReportUnknownKeys();
        if (!ok || id is null)
        {
            return null;
        }

        return new CreativeSlotOptions
        {
            Id = id,
            GamUnitPath = path,
            DivId = divId ?? id,
            PagePatterns = patterns,
            Formats = formats!,
            FloorPrice = floor,
            Targeting = targeting!,
            Providers = providers,
        };
    }

    private static List<AdFormat>? Formats(ConfigSectionReader r)
    {
        var value = r.Find("formats");
        if (value?.Value is not IReadOnlyList<ConfigValue> items || items.Count == 0)
        {
            r.Error("formats", value, value is null ? "is required: at least one { width, height }" : "expected a non-empty array of { width = W, height = H } tables");
            return null;
        }

        var formats = new List<AdFormat>(items.Count);
        foreach (var item in items)
        {
            if (item.Value is not IReadOnlyDictionary<string, ConfigValue> table
                || table.Count != 2
                || table.GetValueOrDefault("width")?.Value is not long width
                || table.GetValueOrDefault("height")?.Value is not long height)
            {
                r.Error("formats", value, "each format must be { width = W, height = H } with integer sizes");
                return null;
            }

            if (width is < 1 or > 10000 || height is < 1 or > 10000)
            {
                r.Error("formats", value, $"sizes must be between 1 and 10000 (found {width}x{height})");
                return null;
            }

            formats.Add(new AdFormat((int)width, (int)height));
        }

        return formats;
    }

    private static double? Floor(ConfigSectionReader r)
    {
        var value = r.Find("floor_price");
        double? floor = value?.Value switch
        {
            null => null,
            double d => d,
            long l => l,
            string text when value.FromEnvironment && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        if (floor is { } f && (!double.IsFinite(f) || f < 0))
        {
            r.Error("floor_price", value, "must be a number of at least 0");
            return null;
        }

        return floor;
    }

    private static Dictionary<string, string>? Targeting(ConfigSectionReader r)
    {
        var value = r.Find("targeting");
        var targeting = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is null)
        {
            return targeting;
        }

        if (value.Value is not IReadOnlyDictionary<string, ConfigValue> table)
        {
            r.Error("targeting", value, $"expected a table of strings, found {value.TypeName}");
            return null;
        }

        foreach (var (key, item) in table)
        {
            if (item.Value is not string text)
            {
                r.Error("targeting", value, $"\"{key}\" must be a string, found {item.TypeName}");
                return null;
            }

            targeting[key] = text;
        }

        return targeting;
    }

    public static DebugOptions Debug(ConfigSectionReader r, ConfigSectionReader comment)
    {
        var enabled = r.Boolean("auction_html_comment") ?? false;
        r.ReportUnknownKeys();
        var verbosity = comment.String("verbosity") ?? "redacted";
        if (!AuctionCommentOptions.Verbosities.Contains(verbosity))
        {
            comment.Error("verbosity", $"must be one of {string.Join(", ", AuctionCommentOptions.Verbosities)} (found \"{verbosity}\")");
            verbosity = "redacted";
        }

        var format = comment.String("format") ?? "compact";
        if (format is not ("compact" or "pretty"))
        {
            comment.Error("format", $"must be compact or pretty (found \"{format}\")");
        }

        var providers = comment.Boolean("include_provider_responses") ?? true;
        var mediator = comment.Boolean("include_mediator_response") ?? true;
        var bids = comment.Boolean("include_bids") ?? true;
        comment.ReportUnknownKeys();
        return new DebugOptions
        {
            AuctionHtmlComment = enabled,
            AuctionComment = new AuctionCommentOptions
            {
                Verbosity = verbosity,
                Pretty = format == "pretty",
                IncludeProviderResponses = providers,
                IncludeMediatorResponse = mediator,
                IncludeBids = bids,
            },
        };
    }
}
