using System.Text.RegularExpressions;

namespace TrustedServer.Core.Configuration;

/// <summary>Binds <c>[integrations.nextjs]</c>.</summary>
internal static partial class NextJsOptionsBinder
{
    public static NextJsOptions NextJs(ConfigSectionReader r)
    {
        var enabled = r.Boolean("enabled") ?? false;
        var attributes = r.StringList("rewrite_attributes");
        if (attributes is not null && attributes.Any(a => !JsonKey().IsMatch(a)))
        {
            r.Error("rewrite_attributes", "must list JSON key names (letters, digits, _ and -, at most 64 characters)");
            attributes = null;
        }

        var cap = IntegrationsOptionsBinder.Range(r, "max_combined_payload_bytes", 4096, 64 * 1024 * 1024);
        r.ReportUnknownKeys();
        return new NextJsOptions
        {
            Enabled = enabled,
            RewriteAttributes = attributes is null ? NextJsOptions.DefaultRewriteAttributes : [.. attributes.Distinct(StringComparer.Ordinal)],
            MaxCombinedPayloadBytes = cap ?? NextJsOptions.DefaultMaxCombinedPayloadBytes,
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_$-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonKey();
}
