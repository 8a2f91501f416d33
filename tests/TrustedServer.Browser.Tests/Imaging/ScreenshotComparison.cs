namespace TrustedServer.Browser.Tests.Imaging;

/// <summary>
/// The result of comparing two screenshots pixel for pixel: no tolerance, because the proxy must never change what
/// the reader sees and the same browser renders the same bytes identically.
/// </summary>
internal sealed record ScreenshotComparison(int ExpectedWidth, int ExpectedHeight, int ActualWidth, int ActualHeight, int DifferentPixels, string? DiffPath)
{
    public bool SameSize => ExpectedWidth == ActualWidth && ExpectedHeight == ActualHeight;

    public bool Identical => SameSize && DifferentPixels == 0;

    /// <summary>
    /// Compares two PNG screenshots. When they differ and <paramref name="diffPath"/> is given, writes a diff image
    /// there: differing pixels red, the rest a faded copy of the expected image.
    /// </summary>
    public static ScreenshotComparison Compare(byte[] expectedPng, byte[] actualPng, string? diffPath = null)
    {
        var expected = Png.Decode(expectedPng);
        var actual = Png.Decode(actualPng);
        if (expected.Width == actual.Width && expected.Height == actual.Height && expected.Pixels.AsSpan().SequenceEqual(actual.Pixels))
        {
            return new ScreenshotComparison(expected.Width, expected.Height, actual.Width, actual.Height, 0, null);
        }

        var width = Math.Max(expected.Width, actual.Width);
        var height = Math.Max(expected.Height, actual.Height);
        var diff = new byte[width * height * 4];
        var different = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inExpected = x < expected.Width && y < expected.Height;
                var inActual = x < actual.Width && y < actual.Height;
                var d = diff.AsSpan(((y * width) + x) * 4, 4);
                if (inExpected && inActual && expected.Pixel(x, y).SequenceEqual(actual.Pixel(x, y)))
                {
                    var p = expected.Pixel(x, y);
                    var grey = (byte)(192 + (((p[0] + p[1] + p[2]) / 3) / 4));
                    (d[0], d[1], d[2], d[3]) = (grey, grey, grey, (byte)255);
                }
                else
                {
                    different++;
                    (d[0], d[1], d[2], d[3]) = ((byte)255, (byte)0, (byte)0, (byte)255);
                }
            }
        }

        string? written = null;
        if (different > 0 && diffPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(diffPath)!);
            File.WriteAllBytes(diffPath, Png.EncodeRgba(new RgbaImage(width, height, diff)));
            written = diffPath;
        }

        return new ScreenshotComparison(expected.Width, expected.Height, actual.Width, actual.Height, different, written);
    }

    public override string ToString() => Identical
        ? $"identical ({ExpectedWidth}x{ExpectedHeight})"
        : $"{DifferentPixels} pixels differ; expected {ExpectedWidth}x{ExpectedHeight}, actual {ActualWidth}x{ActualHeight}"
            + (DiffPath is null ? string.Empty : "; diff image: " + DiffPath);
}
