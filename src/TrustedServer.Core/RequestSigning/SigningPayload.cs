using System.Buffers;
using System.Globalization;
using System.Text;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// The exact bytes a bid-request signature covers: compact JSON
/// <c>{"version":"1.1","kid":…,"host":…,"scheme":…,"id":…,"ts":…}</c>, keys in that order, strings escaped as
/// <c>JSON.stringify</c> and serde_json escape them (only <c>"</c>, <c>\</c> and control characters), UTF-8 kept raw.
/// A verifier rebuilds these bytes from the request's fields, so any other spelling would fail verification.
/// </summary>
public static class SigningPayload
{
    /// <summary>The payload format version.</summary>
    public const string Version = "1.1";

    /// <summary>The payload's UTF-8 bytes.</summary>
    public static byte[] Build(string kid, string host, string scheme, string id, long timestampMs)
    {
        var writer = new ArrayBufferWriter<byte>(128 + (id?.Length ?? 0) + (host?.Length ?? 0));
        Write(writer, kid, host!, scheme, id!, timestampMs);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the payload into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, string kid, string host, string scheme, string id, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(kid);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(id);
        Raw(output, "{\"version\":\"" + Version + "\",\"kid\":");
        String(output, kid);
        Raw(output, ",\"host\":");
        String(output, host);
        Raw(output, ",\"scheme\":");
        String(output, scheme);
        Raw(output, ",\"id\":");
        String(output, id);
        Raw(output, ",\"ts\":");
        Raw(output, timestampMs.ToString(CultureInfo.InvariantCulture));
        Raw(output, "}");
    }

    private static void Raw(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var written = Encoding.ASCII.GetBytes(ascii, span);
        output.Advance(written);
    }

    private static void String(IBufferWriter<byte> output, string value)
    {
        Raw(output, "\"");
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            Utf8(output, value.AsSpan(start, i - start));
            Raw(output, c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
            start = i + 1;
        }

        Utf8(output, value.AsSpan(start));
        Raw(output, "\"");
    }

    private static void Utf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
