using System.Globalization;

namespace TrustedServer.Hosting.Tests.Observability;

/// <summary>Sums the samples of a metric in Prometheus text format whose labels include the given pairs.</summary>
internal static class PrometheusText
{
    public static double Sum(string text, string name, params (string Key, string Value)[] labels)
    {
        double total = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var metric = brace >= 0 && brace < space ? line[..brace] : line[..space];
            if (metric != name)
            {
                continue;
            }

            var labelText = brace >= 0 && brace < space ? line[(brace + 1)..line.IndexOf('}', StringComparison.Ordinal)] : string.Empty;
            if (!labels.All(l => labelText.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                continue;
            }

            var rest = line[(line.LastIndexOf('}') is var close && close > 0 ? close + 1 : space)..].Trim().Split(' ')[0];
            total += double.Parse(rest, CultureInfo.InvariantCulture);
        }

        return total;
    }
}
