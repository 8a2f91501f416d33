using System.Buffers;

namespace TrustedServer.Core.Rewriting;

/// <summary>
/// A transform that may stop passing its output through at some point of the body until something asynchronous is
/// ready (the page auction's bids at <c>&lt;/body&gt;</c>). The pipeline sends everything written before that point,
/// then awaits <see cref="ReleaseAsync"/>, which writes what the wait produced followed by the output held meanwhile,
/// and the transform passes its output through again. Output bytes never depend on where chunks split.
/// </summary>
public interface IHoldingBodyTransform : IBodyTransform
{
    /// <summary>Is output being held back after the last <see cref="IBodyTransform.Process"/> or <see cref="IBodyTransform.Finish"/>?</summary>
    bool IsHolding { get; }

    /// <summary>Waits for what the hold waits for (bounded by the transform's own deadline), writes it and the held output.</summary>
    ValueTask ReleaseAsync(IBufferWriter<byte> output, CancellationToken cancellationToken);
}
