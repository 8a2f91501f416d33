using System.Text;

namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// The <c>Connection</c> field as the client sent it. Kestrel parses it for keep-alive, close and upgrade before any
/// middleware runs and, when the list holds one of those next to header names (or comes in several lines), replaces
/// the whole field with that one token, so the names the client declared hop-by-hop would be lost and forwarded.
/// Kestrel asks <c>RequestHeaderEncodingSelector</c> for the encoding of each header value while it parses; for
/// <c>Connection</c> this returns a Latin-1 decoder that also records what it decoded, into a holder on the
/// connection's async flow, which <see cref="Take"/> reads (and empties) once per request.
/// </summary>
internal static class ConnectionFieldCapture
{
    private static readonly AsyncLocal<List<string>?> Slot = new();
    private static readonly RecordingLatin1 Decoder = new();

    /// <summary>The selector to give Kestrel: null (its default) for every header but <c>Connection</c>.</summary>
    public static Encoding? Select(string headerName)
    {
        if (!string.Equals(headerName, "Connection", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Set while Kestrel parses, on the flow that then runs the request; one holder per connection, reused.
        Slot.Value ??= [];
        return Decoder;
    }

    /// <summary>The <c>Connection</c> lines of the request being handled as received, or null when it had none.</summary>
    public static string[]? Take()
    {
        if (Slot.Value is not { Count: > 0 } lines)
        {
            return null;
        }

        string[] taken = [.. lines];
        lines.Clear();
        return taken;
    }

    private sealed class RecordingLatin1 : Encoding
    {
        public override int GetByteCount(char[] chars, int index, int count) => Latin1.GetByteCount(chars, index, count);

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
            Latin1.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

        public override int GetCharCount(byte[] bytes, int index, int count) => Latin1.GetCharCount(bytes, index, count);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            var written = Latin1.GetChars(bytes, byteIndex, byteCount, chars, charIndex);
            Slot.Value?.Add(new string(chars, charIndex, written));
            return written;
        }

        public override int GetMaxByteCount(int charCount) => charCount;

        public override int GetMaxCharCount(int byteCount) => byteCount;
    }
}
