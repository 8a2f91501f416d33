using System.Buffers;

namespace TrustedServer.Core.Rewriting;

/// <summary>The transform that changes nothing: each chunk is copied to the output as it arrives.</summary>
public sealed class PassThroughTransform : IBodyTransform
{
    /// <summary>The shared instance; it holds no state.</summary>
    public static PassThroughTransform Instance { get; } = new();

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(chunk);
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
    }
}
