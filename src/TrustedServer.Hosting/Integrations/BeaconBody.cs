using System.Buffers;

namespace TrustedServer.Hosting.Integrations;

/// <summary>Reads a beacon's body under a cap: a declared length over it is refused before reading, an undeclared
/// one is read at most one byte past it. Both answer 413.</summary>
internal static class BeaconBody
{
    /// <summary>The body, or null when the answer (413, or 400 for a body cut short) was written.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            await TooLargeAsync(context);
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, 64 * 1024));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, maxBytes + 1 - length)), context.RequestAborted);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > maxBytes)
                {
                    await TooLargeAsync(context);
                    return null;
                }
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            await FirstParty.PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "bad request body");
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task TooLargeAsync(HttpContext context) =>
        FirstParty.PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "beacon body too large");
}
