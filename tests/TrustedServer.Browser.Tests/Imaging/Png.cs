using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace TrustedServer.Browser.Tests.Imaging;

/// <summary>
/// A small PNG codec for comparing screenshots: decodes non-interlaced 8-bit greyscale, RGB, RGBA and grey+alpha
/// images (what Chromium writes), with all five row filters; encodes RGBA for diff images.
/// </summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static RgbaImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG: bad signature");
        }

        int width = 0, height = 0, colourType = -1;
        using var compressed = new MemoryStream();
        var offset = Signature.Length;
        while (offset + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[offset..]);
            var type = Encoding.ASCII.GetString(png.Slice(offset + 4, 4));
            if (length < 0 || offset + 12 + length > png.Length)
            {
                throw new InvalidDataException($"PNG chunk {type} overruns the file");
            }

            var data = png.Slice(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + length)..]);
            if (crc != Crc(png.Slice(offset + 4, 4 + length)))
            {
                throw new InvalidDataException($"PNG chunk {type} has a bad CRC");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var bitDepth = data[8];
                    colourType = data[9];
                    var interlace = data[12];
                    if (bitDepth != 8 || interlace != 0 || colourType is not (0 or 2 or 4 or 6))
                    {
                        throw new NotSupportedException($"PNG bit depth {bitDepth}, colour type {colourType}, interlace {interlace} is not supported");
                    }

                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    return Unfilter(width, height, colourType, compressed.ToArray());
                default:
                    break;
            }

            offset += 12 + length;
        }

        throw new InvalidDataException("PNG ends without IEND");
    }

    public static byte[] EncodeRgba(RgbaImage image, byte filter = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var output = new MemoryStream();
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = 6;
        WriteChunk(output, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var stride = image.Width * 4;
            var row = new byte[1 + stride];
            for (var y = 0; y < image.Height; y++)
            {
                row[0] = filter;
                var current = image.Pixels.AsSpan(y * stride, stride);
                var previous = y == 0 ? new byte[stride] : image.Pixels.AsSpan((y - 1) * stride, stride);
                for (var i = 0; i < stride; i++)
                {
                    var left = i >= 4 ? current[i - 4] : (byte)0;
                    var upLeft = i >= 4 ? previous[i - 4] : (byte)0;
                    row[1 + i] = (byte)(current[i] - Predict(filter, left, previous[i], upLeft));
                }

                zlib.Write(row);
            }
        }

        WriteChunk(output, "IDAT", pixels.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static RgbaImage Unfilter(int width, int height, int colourType, byte[] compressed)
    {
        var channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
        var stride = width * channels;
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var raw = new byte[(long)height * (stride + 1)];
        zlib.ReadExactly(raw);

        var rows = new byte[(long)height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var current = rows.AsSpan(y * stride, stride);
            var previous = y == 0 ? new byte[stride] : rows.AsSpan((y - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                var left = i >= channels ? current[i - channels] : (byte)0;
                var upLeft = i >= channels ? previous[i - channels] : (byte)0;
                current[i] = (byte)(source[i] + Predict(filter, left, previous[i], upLeft));
            }
        }

        var rgba = new byte[(long)width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            var s = rows.AsSpan(p * channels, channels);
            var d = rgba.AsSpan(p * 4, 4);
            (d[0], d[1], d[2], d[3]) = channels switch
            {
                1 => (s[0], s[0], s[0], (byte)255),
                2 => (s[0], s[0], s[0], s[1]),
                3 => (s[0], s[1], s[2], (byte)255),
                _ => (s[0], s[1], s[2], s[3]),
            };
        }

        return new RgbaImage(width, height, rgba);
    }

    private static byte Predict(byte filter, byte left, byte up, byte upLeft) => filter switch
    {
        0 => 0,
        1 => left,
        2 => up,
        3 => (byte)((left + up) / 2),
        4 => Paeth(left, up, upLeft),
        _ => throw new InvalidDataException($"unknown PNG row filter {filter}"),
    };

    private static byte Paeth(byte a, byte b, byte c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typeAndData));
        output.Write(word);
    }

    private static uint Crc(ReadOnlySpan<byte> bytes) => Crc32.HashToUInt32(bytes);
}
