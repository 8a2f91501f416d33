using System.Buffers.Text;

namespace TrustedServer.Core.RequestSigning;

/// <summary>base64url without padding for output; base64url or standard base64, padded or not, for input.</summary>
public static class Base64Text
{
    /// <summary>base64url without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>Decodes base64url or standard base64, with or without padding; false on anything else.</summary>
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (!TryDecode(text, buffer, out var written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/> without allocating; false when the text is not base64(url) or does
    /// not fit.
    /// </summary>
    public static bool TryDecode(string? text, Span<byte> destination, out int written)
    {
        written = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return false;
        }

        Span<char> normal = stackalloc char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            normal[length++] = c switch
            {
                '+' => '-',
                '/' => '_',
                _ => c,
            };
        }

        var trimmed = normal[..length].TrimEnd('=');
        if (trimmed.Length != length && length % 4 != 0)
        {
            return false;
        }

        foreach (var c in trimmed)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return trimmed.Length % 4 != 1 && Base64Url.TryDecodeFromChars(trimmed, destination, out written);
    }
}
