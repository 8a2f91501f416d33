using System.Buffers;

namespace TrustedServer.Core.Rewriting;

/// <summary>
/// A streaming transform over a decoded response body. It is fed chunks in order and writes all the output it can
/// for each chunk before returning, holding back only its bounded pending state (an incomplete tag, an overlap
/// window). Implementations never throw on input bytes.
/// </summary>
public interface IBodyTransform
{
    /// <summary>Consumes one chunk and writes the output it makes possible.</summary>
    void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output);

    /// <summary>Signals the end of the body and writes whatever pending state remains.</summary>
    void Finish(IBufferWriter<byte> output);
}
