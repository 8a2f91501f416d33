using System.Buffers;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Decode, transform, re-encode, chunk by chunk, flushing the encoder and the destination after every chunk so the
/// browser can render early. Memory is one pooled read buffer plus the transform's output for one chunk.
/// </summary>
internal static class BodyPump
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// Pumps the whole body. Throws on origin failure, corrupt input or a cap; the caller decides what a failure
    /// means (abort a committed response, or send a 502). The encoder is finished only on success.
    /// </summary>
    public static Task RunAsync(Stream encodedSource, ContentCoding coding, IBodyTransform transform, Stream destination, DecodeLimits limits, CancellationToken cancellationToken) =>
        RunAsync(encodedSource, coding, coding, transform, destination, limits, cancellationToken);

    /// <summary>As above, decoding <paramref name="decodeAs"/> and encoding <paramref name="encodeAs"/>.</summary>
    public static async Task RunAsync(Stream encodedSource, ContentCoding decodeAs, ContentCoding encodeAs, IBodyTransform transform, Stream destination, DecodeLimits limits, CancellationToken cancellationToken)
    {
        var decoder = BodyCodecs.OpenDecoder(encodedSource, decodeAs, limits);
        var encoder = BodyCodecs.CreateEncoder(destination, encodeAs);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        using var output = new PooledBufferWriter();
        var finished = false;
        try
        {
            while (true)
            {
                var read = await decoder.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                transform.Process(buffer.AsSpan(0, read), output);
                await WriteAndFlushAsync(output, encoder, destination, cancellationToken);
            }

            transform.Finish(output);
            if (output.WrittenCount > 0)
            {
                await encoder.WriteAsync(output.WrittenMemory, cancellationToken);
            }

            if (!ReferenceEquals(encoder, destination))
            {
                await encoder.DisposeAsync();
            }

            finished = true;
            await destination.FlushAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!ReferenceEquals(decoder, encodedSource))
            {
                await decoder.DisposeAsync();
            }

            if (!finished && !ReferenceEquals(encoder, destination))
            {
                // Release the codec without its trailer ever reaching the client.
                (destination as DetachableStream)?.Detach();
                try
                {
                    await encoder.DisposeAsync();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    // The body has already failed; this is only cleanup.
                }
            }
        }
    }

    private static async Task WriteAndFlushAsync(PooledBufferWriter output, Stream encoder, Stream destination, CancellationToken cancellationToken)
    {
        if (output.WrittenCount == 0)
        {
            return;
        }

        await encoder.WriteAsync(output.WrittenMemory, cancellationToken);
        output.Clear();
        await encoder.FlushAsync(cancellationToken);
        if (!ReferenceEquals(encoder, destination))
        {
            await destination.FlushAsync(cancellationToken);
        }
    }
}
