using System.Globalization;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>What the browser made of one img element.</summary>
internal sealed record ImageState(bool Complete, int NaturalWidth, string Source)
{
    public static ImageState Parse(string line)
    {
        var parts = line.Split(' ', 3);
        return new ImageState(parts[0] == "1", int.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 ? parts[2] : string.Empty);
    }

    public override string ToString() => $"{Source} (complete={Complete}, naturalWidth={NaturalWidth})";
}
