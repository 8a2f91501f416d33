using System.Text;

namespace TrustedServer.Core.Configuration;

/// <summary>Decodes a configuration file: UTF-8 text only, so a binary file passed by mistake is refused in one line.</summary>
internal static class ConfigText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text without a byte-order mark, or null when the bytes are not UTF-8 text (invalid bytes or NUL).</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.Contains((byte)0))
        {
            return null;
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
