using TrustedServer.Core.Auction;

namespace TrustedServer.Core.Tests.Auction;

public sealed class PriceBucketTests
{
    [Theory]
    [InlineData(PriceGranularity.Low, 0.49, "0.00")]
    [InlineData(PriceGranularity.Low, 0.5, "0.50")]
    [InlineData(PriceGranularity.Low, 1.99, "1.50")]
    [InlineData(PriceGranularity.Low, 4.99, "4.50")]
    [InlineData(PriceGranularity.Low, 5.0, "5.00")]
    [InlineData(PriceGranularity.Low, 17.0, "5.00")]
    [InlineData(PriceGranularity.Medium, 0.19, "0.10")]
    [InlineData(PriceGranularity.Medium, 19.99, "19.90")]
    [InlineData(PriceGranularity.Medium, 20.0, "20.00")]
    [InlineData(PriceGranularity.Medium, 55.5, "20.00")]
    [InlineData(PriceGranularity.High, 0.01, "0.01")]
    [InlineData(PriceGranularity.High, 1.234, "1.23")]
    [InlineData(PriceGranularity.High, 19.999, "19.99")]
    [InlineData(PriceGranularity.High, 25.0, "20.00")]
    [InlineData(PriceGranularity.Dense, 0.001, "0.00")]
    [InlineData(PriceGranularity.Dense, 2.99, "2.99")]
    [InlineData(PriceGranularity.Dense, 3.0, "3.00")]
    [InlineData(PriceGranularity.Dense, 3.04, "3.00")]
    [InlineData(PriceGranularity.Dense, 3.07, "3.05")]
    [InlineData(PriceGranularity.Dense, 7.99, "7.95")]
    [InlineData(PriceGranularity.Dense, 8.0, "8.00")]
    [InlineData(PriceGranularity.Dense, 8.49, "8.00")]
    [InlineData(PriceGranularity.Dense, 8.5, "8.50")]
    [InlineData(PriceGranularity.Dense, 19.99, "19.50")]
    [InlineData(PriceGranularity.Dense, 20.0, "20.00")]
    [InlineData(PriceGranularity.Dense, 1000.0, "20.00")]
    [InlineData(PriceGranularity.Auto, 3.07, "3.05")]
    [InlineData(PriceGranularity.Auto, 25.0, "20.00")]
    public void Cpms_fall_in_their_granularitys_bucket(PriceGranularity granularity, double cpm, string bucket) =>
        Assert.Equal(bucket, PriceBuckets.Bucket(cpm, granularity));

    [Theory]
    [InlineData(0.29, "0.29")]
    [InlineData(0.57, "0.57")]
    [InlineData(1.15, "1.15")]
    [InlineData(2.3, "2.30")]
    [InlineData(4.35, "4.35")]
    [InlineData(8.2 - 0.2, "8.00")]
    [InlineData(0.1 + 0.2, "0.30")]
    public void Float_boundary_cpms_are_not_under_bucketed(double cpm, string bucket) =>
        Assert.Equal(bucket, PriceBuckets.Bucket(cpm, PriceGranularity.Dense));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    public void Zero_negative_and_non_finite_cpms_give_zero(double cpm)
    {
        foreach (var granularity in Enum.GetValues<PriceGranularity>())
        {
            Assert.Equal("0.00", PriceBuckets.Bucket(cpm, granularity));
        }
    }

    [Fact]
    public void The_largest_finite_cpm_is_capped() =>
        Assert.Equal("20.00", PriceBuckets.Bucket(double.MaxValue, PriceGranularity.Dense));
}
