using System.Buffers;

namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>
/// Streams a CSS, JavaScript, JSON, XML or text body through a <see cref="UrlMapper"/>. Between chunks it holds back
/// only the bytes that could still start a match (at most the longest pattern), plus a few already-written bytes
/// to look behind, so its output is the same however the body is split. Bytes are never decoded: any
/// ASCII-compatible encoding and invalid UTF-8 pass through unchanged apart from mapped URLs.
/// </summary>
public sealed class UrlRewriteTransform : IBodyTransform
{
    // Already-written bytes kept to look behind ("https:" before "//").
    private const int ContextBytes = 8;

    private readonly UrlMapper _mapper;
    private readonly byte[] _carry;
    private int _contextLength;
    private int _pendingLength;
    private int _lastMatchEnd = -1;

    /// <summary>Creates a transform for one body; <see cref="UrlMapper.CreateTransform"/> is the usual way.</summary>
    public UrlRewriteTransform(UrlMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        _mapper = mapper;
        _carry = new byte[ContextBytes + mapper.Settings.MaxPendingBytes];
    }

    /// <summary>Bytes currently held back waiting for the next chunk.</summary>
    public int PendingBytes => _pendingLength;

    /// <inheritdoc />
    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (chunk.IsEmpty)
        {
            return;
        }

        var carried = _contextLength + _pendingLength;
        var total = carried + chunk.Length;
        var combined = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            _carry.AsSpan(0, carried).CopyTo(combined);
            chunk.CopyTo(combined.AsSpan(carried));
            Run(combined.AsSpan(0, total), final: false, output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(combined);
        }
    }

    /// <inheritdoc />
    public void Finish(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Run(_carry.AsSpan(0, _contextLength + _pendingLength), final: true, output);
        _contextLength = 0;
        _pendingLength = 0;
        _lastMatchEnd = -1;
    }

    private void Run(ReadOnlySpan<byte> buffer, bool final, IBufferWriter<byte> output)
    {
        var lastMatchEnd = _lastMatchEnd;
        var emitted = _mapper.Scan(buffer, _contextLength, ref lastMatchEnd, final, bareAtStart: false, output, out var safeEnd, out _);
        output.Write(buffer[emitted..safeEnd]);

        var contextStart = Math.Max(0, safeEnd - ContextBytes);
        buffer[contextStart..].CopyTo(_carry);
        _contextLength = safeEnd - contextStart;
        _pendingLength = buffer.Length - safeEnd;

        // Only "before the context" matters once a match is that far back; clamping keeps the value from drifting.
        _lastMatchEnd = Math.Max(lastMatchEnd - contextStart, -1);
    }
}
