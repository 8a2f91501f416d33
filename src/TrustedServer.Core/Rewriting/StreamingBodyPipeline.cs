using System.Buffers;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Rewriting;

/// <summary>Decodes an origin body, transforms it chunk by chunk and re-encodes it (with the same coding, or another).</summary>
public static class StreamingBodyPipeline
{
    private const int ReadBufferSize = 16 * 1024;

    /// <summary>
    /// Streams <paramref name="encodedSource"/> through <paramref name="transform"/> into <paramref name="destination"/>.
    /// Each decoded read is transformed, written through the encoder and flushed (encoder and destination) before the
    /// next read; at end of input the transform is finished and the encoder writes its end of stream. Neither stream is
    /// disposed. Any exception propagates and leaves the body unfinished (no end-of-stream marker), so the caller
    /// aborts the client connection.
    /// </summary>
    /// <exception cref="InvalidDataException">The encoded body is corrupt or truncated.</exception>
    /// <exception cref="DecodeLimitExceededException">The decoded body passes <paramref name="limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task RunAsync(
        Stream encodedSource,
        ContentCoding coding,
        IBodyTransform transform,
        Stream destination,
        DecodeLimits limits,
        CancellationToken cancellationToken) =>
        RunAsync(encodedSource, coding, coding, transform, destination, limits, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Stream, ContentCoding, IBodyTransform, Stream, DecodeLimits, CancellationToken)"/>, decoding
    /// <paramref name="decodeAs"/> and encoding <paramref name="encodeAs"/> (e.g. decode gzip to identity for a
    /// full-document post-processor).
    /// </summary>
    /// <exception cref="InvalidDataException">The encoded body is corrupt or truncated.</exception>
    /// <exception cref="DecodeLimitExceededException">The decoded body passes <paramref name="limits"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task RunAsync(
        Stream encodedSource,
        ContentCoding decodeAs,
        ContentCoding encodeAs,
        IBodyTransform transform,
        Stream destination,
        DecodeLimits limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encodedSource);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(limits);

        var decoder = BodyCodecs.OpenDecoder(encodedSource, decodeAs, limits);
        var gate = new WriteGateStream(destination);
        var encoder = BodyCodecs.CreateEncoder(gate, encodeAs);
        var readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        using var output = new PooledBufferWriter();
        var completed = false;
        try
        {
            int read;
            while ((read = await decoder.ReadAsync(readBuffer.AsMemory(0, ReadBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                transform.Process(readBuffer.AsSpan(0, read), output);
                if (output.WrittenCount > 0)
                {
                    await encoder.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    output.Clear();
                    await encoder.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            transform.Finish(output);
            if (output.WrittenCount > 0)
            {
                await encoder.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                output.Clear();
            }

            if (!ReferenceEquals(encoder, gate))
            {
                await encoder.DisposeAsync().ConfigureAwait(false);
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(readBuffer);
            if (!ReferenceEquals(decoder, encodedSource))
            {
                await decoder.DisposeAsync().ConfigureAwait(false);
            }

            if (!completed)
            {
                // Release the encoder's native state without letting its end-of-stream marker reach the client.
                gate.CloseGate();
                await DisposeQuietlyAsync(encoder).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream encoder)
    {
        try
        {
            await encoder.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
