using TrustedServer.Browser.Tests.Imaging;

namespace TrustedServer.Browser.Tests;

public sealed class PngTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_image_survives_encoding_and_decoding_with_each_row_filter(byte filter)
    {
        var image = Noise(37, 23, seed: filter);

        var decoded = Png.Decode(Png.EncodeRgba(image, filter));

        Assert.Equal(image.Width, decoded.Width);
        Assert.Equal(image.Height, decoded.Height);
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Comparison_counts_each_differing_pixel_and_writes_a_diff_image()
    {
        var image = Noise(20, 10, seed: 7);
        var changed = (byte[])image.Pixels.Clone();
        changed[0] ^= 1;
        changed[((5 * 20) + 9) * 4] ^= 0x80;
        var diffPath = Path.Combine(Path.GetTempPath(), "ts-png-diff-" + Guid.NewGuid().ToString("N") + ".png");

        try
        {
            var same = ScreenshotComparison.Compare(Png.EncodeRgba(image), Png.EncodeRgba(image, 4));
            var different = ScreenshotComparison.Compare(Png.EncodeRgba(image), Png.EncodeRgba(new RgbaImage(20, 10, changed)), diffPath);

            Assert.True(same.Identical);
            Assert.Equal(2, different.DifferentPixels);
            var diff = Png.Decode(File.ReadAllBytes(diffPath));
            Assert.Equal([255, 0, 0, 255], diff.Pixel(9, 5).ToArray());
            Assert.NotEqual([255, 0, 0, 255], diff.Pixel(1, 0).ToArray());
        }
        finally
        {
            File.Delete(diffPath);
        }
    }

    [Fact]
    public void Images_of_different_sizes_never_compare_identical()
    {
        var small = Noise(10, 10, seed: 1);
        var tall = new RgbaImage(10, 11, [.. small.Pixels, .. new byte[40]]);

        var comparison = ScreenshotComparison.Compare(Png.EncodeRgba(small), Png.EncodeRgba(tall));

        Assert.False(comparison.Identical);
        Assert.False(comparison.SameSize);
    }

    [Fact]
    public void A_corrupted_chunk_is_rejected()
    {
        var png = Png.EncodeRgba(Noise(4, 4, seed: 3));
        png[20] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => Png.Decode(png));
    }

    private static RgbaImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        return new RgbaImage(width, height, pixels);
    }
}
