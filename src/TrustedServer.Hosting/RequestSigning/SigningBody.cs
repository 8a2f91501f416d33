using System.Text.Json;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>Reads the small JSON bodies of the signing routes: at most <see cref="MaxBytes"/>, else 413.</summary>
internal static class SigningBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    /// <summary>The body, or null after answering 413 when it is larger than the cap (declared or streamed).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            await SigningEndpoints.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"the body may be at most {MaxBytes} bytes");
            return null;
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            await SigningEndpoints.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large", $"the body may be at most {MaxBytes} bytes");
            return null;
        }

        return buffer[..length];
    }

    /// <summary>The body as a JSON object, or null when it is not one.</summary>
    public static JsonDocument? ParseObject(byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property; <paramref name="valid"/> is false when present with another type.</summary>
    public static string? String(JsonElement root, string name, out bool valid)
    {
        valid = true;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            valid = false;
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // The parser does not check UTF-8 inside strings; decoding does.
            valid = false;
            return null;
        }
    }
}
