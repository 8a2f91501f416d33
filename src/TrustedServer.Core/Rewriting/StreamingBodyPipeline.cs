using System.Buffers;
using TrustedServer.Core.Rewriting.Compression;

namespace TrustedServer.Core.Rewriting;

/// <summary>Decodes an origin body, transforms it chunk by chunk and re-encodes it (with the same coding, or another).</summary>
public static class StreamingBodyPipeline
{
    private const int ReadBufferSize = 16 * 1024;

    // Inflate copies each call's output into its window and decodes the last bytes before the end of every output
    // buffer on its slow path: fewer, larger reads of a compressed body cost about a tenth less to decode.
    private const int DecodedReadBufferSize = 64 * 1024;

    // Rewritten bytes are sent when the origin makes us wait or when this much has piled up: one client write and
    // one codec flush per burst of origin data instead of one per read keeps syscalls and sync-flush markers down.
    private const int SendThreshold = 64 * 1024;

    /// <summary>
    /// Streams <paramref name="encodedSource"/> through <paramref name="transform"/> into <paramref name="destination"/>.
    /// Decoded reads are transformed as they come; the output is written through the encoder and flushed (encoder and
    /// destination) whenever the next read cannot complete at once, and after every 64 KiB; at end of input the
    /// transform is finished and the encoder writes its end of stream. Neither stream is disposed. Any exception
    /// propagates and leaves the body unfinished (no end-of-stream marker), so the caller aborts the client connection.
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
        var coalescer = encodeAs == ContentCoding.Identity ? null : new CoalescingWriteStream(gate);
        var sink = coalescer ?? (Stream)gate;
        var encoder = BodyCodecs.CreateEncoder(sink, encodeAs);
        var readSize = decodeAs == ContentCoding.Identity ? ReadBufferSize : DecodedReadBufferSize;
        var readBuffer = ArrayPool<byte>.Shared.Rent(readSize);
        using var output = new PooledBufferWriter();
        var holding = transform as IHoldingBodyTransform;
        var completed = false;
        try
        {
            while (true)
            {
                var pending = decoder.ReadAsync(readBuffer.AsMemory(0, readSize), cancellationToken);
                int read;
                if (pending.IsCompleted || output.WrittenCount == 0)
                {
                    read = await pending.ConfigureAwait(false);
                }
                else
                {
                    // The origin makes us wait: what is already rewritten goes to the client first, so streaming
                    // never holds bytes back behind a slow origin. The read keeps running meanwhile.
                    var reading = pending.AsTask();
                    try
                    {
                        await SendAsync(output, encoder, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        // The read writes into pooled buffers that the cleanup below returns: let it end first.
                        await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        throw;
                    }

                    read = await reading.ConfigureAwait(false);
                }

                if (read == 0)
                {
                    break;
                }

                transform.Process(readBuffer.AsSpan(0, read), output);
                if (holding is { IsHolding: true })
                {
                    await ReleaseAsync(holding, output, encoder, cancellationToken).ConfigureAwait(false);
                }

                if (output.WrittenCount >= SendThreshold)
                {
                    await SendAsync(output, encoder, cancellationToken).ConfigureAwait(false);
                }
            }

            transform.Finish(output);
            if (holding is { IsHolding: true })
            {
                await ReleaseAsync(holding, output, encoder, cancellationToken).ConfigureAwait(false);
            }

            if (output.WrittenCount > 0)
            {
                await encoder.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
                output.Clear();
            }

            if (!ReferenceEquals(encoder, sink))
            {
                await encoder.DisposeAsync().ConfigureAwait(false);
            }

            // Flushing the sink passes on what the encoder wrote at its end and flushes the destination.
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
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

            coalescer?.Dispose();
        }
    }

    /// <summary>
    /// Everything before the hold reaches the client first (the page keeps streaming up to that point), then the
    /// transform's wait ends and its output continues.
    /// </summary>
    private static async ValueTask ReleaseAsync(IHoldingBodyTransform holding, PooledBufferWriter output, Stream encoder, CancellationToken cancellationToken)
    {
        if (output.WrittenCount > 0)
        {
            await SendAsync(output, encoder, cancellationToken).ConfigureAwait(false);
        }

        await holding.ReleaseAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the rewritten bytes through the encoder and flushes both (a sync flush for compressed codings).</summary>
    private static async ValueTask SendAsync(PooledBufferWriter output, Stream encoder, CancellationToken cancellationToken)
    {
        await encoder.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        output.Clear();
        await encoder.FlushAsync(cancellationToken).ConfigureAwait(false);
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
