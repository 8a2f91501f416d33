using System.Text;

namespace TrustedServer.Core.Auction.Opportunities;

/// <summary>
/// The <c>gam_unit_path</c> template: <c>{network_id}</c>, <c>{slot_id}</c> and <c>{section}</c>. A slot without one
/// gets <c>/network/slot</c>; a template without placeholders is used as it is. A rendered path that depends on the
/// request (one with <c>{section}</c>) longer than 100 UTF-8 bytes drops that slot.
/// </summary>
public static class GamUnitPath
{
    /// <summary>The most UTF-8 bytes a request-dependent path may have.</summary>
    public const int MaxDynamicBytes = 100;

    private static readonly string[] Placeholders = ["{network_id}", "{slot_id}", "{section}"];

    /// <summary>The first placeholder in <paramref name="template"/> that is not one of the three, or null.</summary>
    public static string? UnknownPlaceholder(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var stripped = template;
        foreach (var known in Placeholders)
        {
            stripped = stripped.Replace(known, string.Empty, StringComparison.Ordinal);
        }

        var open = stripped.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var end = stripped.IndexOf('}', open);
            return end < 0 ? stripped[open..] : stripped[open..(end + 1)];
        }

        return stripped.Contains('}', StringComparison.Ordinal) ? "}" : null;
    }

    /// <summary>Does the template use <c>{section}</c>?</summary>
    public static bool UsesSection(string? template) => template?.Contains("{section}", StringComparison.Ordinal) == true;

    /// <summary>Does the slot need <c>gam_network_id</c> (no template, or one with <c>{network_id}</c>)?</summary>
    public static bool UsesNetwork(string? template) => template is null || template.Contains("{network_id}", StringComparison.Ordinal);

    /// <summary>The path for one request, or null when a request-dependent path is over <see cref="MaxDynamicBytes"/>.</summary>
    public static string? Render(string? template, string networkId, string slotId, Func<string> section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (template is null)
        {
            return $"/{networkId}/{slotId}";
        }

        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var rendered = template
            .Replace("{network_id}", networkId, StringComparison.Ordinal)
            .Replace("{slot_id}", slotId, StringComparison.Ordinal);
        if (!UsesSection(template))
        {
            return rendered;
        }

        rendered = rendered.Replace("{section}", section(), StringComparison.Ordinal);
        return Encoding.UTF8.GetByteCount(rendered) > MaxDynamicBytes ? null : rendered;
    }
}
