using System.Globalization;

namespace TrustedServer.Core.Auction;

/// <summary>
/// The <c>hb_pb</c> price bucket of a CPM: converted to whole cents with a small epsilon (so 2.3 stays 230, not 229),
/// floored to the granularity's step and capped. Zero, negative and non-finite prices give <c>"0.00"</c>.
/// </summary>
public static class PriceBuckets
{
    private const double Epsilon = 1e-6;

    /// <summary>The bucket of <paramref name="cpm"/> as a string with two decimals.</summary>
    public static string Bucket(double cpm, PriceGranularity granularity)
    {
        if (!double.IsFinite(cpm) || cpm <= 0)
        {
            return "0.00";
        }

        // Whole cents, decided before any step arithmetic so float noise cannot push a price down a bucket.
        var cents = (long)Math.Floor((Math.Min(cpm, 1e9) * 100) + Epsilon);
        var bucket = granularity switch
        {
            PriceGranularity.Low => Step(cents, 50, 500),
            PriceGranularity.Medium => Step(cents, 10, 2000),
            PriceGranularity.High => Step(cents, 1, 2000),
            _ => cents >= 2000 ? 2000 : cents >= 800 ? Step(cents, 50, 2000) : cents >= 300 ? Step(cents, 5, 800) : Step(cents, 1, 300),
        };
        return (bucket / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static long Step(long cents, long step, long cap) => Math.Min(cents - (cents % step), cap);
}
