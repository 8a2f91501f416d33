namespace TrustedServer.Browser.Tests.Imaging;

/// <summary>Decoded pixels, 8-bit RGBA, row by row.</summary>
internal sealed class RgbaImage
{
    public RgbaImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        if (pixels.Length != width * height * 4)
        {
            throw new ArgumentException($"expected {width * height * 4} bytes for {width}x{height} RGBA, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public ReadOnlySpan<byte> Pixel(int x, int y) => Pixels.AsSpan(((y * Width) + x) * 4, 4);
}
