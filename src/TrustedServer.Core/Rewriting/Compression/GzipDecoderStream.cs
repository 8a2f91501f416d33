using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using TrustedServer.Core.IO;

namespace TrustedServer.Core.Rewriting.Compression;

/// <summary>
/// Decodes gzip (RFC 1952) member by member: it parses each header itself, inflates the body with a raw
/// <see cref="DeflateStream"/>, and checks each trailer (CRC-32 and length) itself. Doing the framing here makes
/// truncation detectable without process-wide runtime switches: a raw inflater that needs input at end of input was
/// cut short, and a missing or wrong trailer is an error. Bytes after a member that do not start with the gzip magic
/// are ignored; bytes that start with it must form a valid member.
/// </summary>
internal sealed partial class GzipDecoderStream : ReadOnlyStream
{
    // Serving the inflater pieces no larger than its own 8 KiB input buffer bounds how far back the end of a member's
    // deflate data can be, without making it ask more often than it would anyway.
    private const int MaxServe = 8 * 1024;
    private const int MaxBuffer = 1024 * 1024;

    private readonly Stream _source;
    private readonly MemberSource _memberSource;
    private readonly Crc32 _crc = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4 * MaxServe);
    private int _start;
    private int _end;
    private int _lastServedStart;
    private bool _sourceEnded;
    private DeflateStream? _inflater;
    private uint _memberLength;
    private int _members;
    private bool _done;

    public GzipDecoderStream(Stream source)
    {
        _source = source;
        _memberSource = new MemberSource(this);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_done && !buffer.IsEmpty)
        {
            if (_inflater is null)
            {
                if (!await StartMemberAsync(cancellationToken).ConfigureAwait(false))
                {
                    _done = true;
                    break;
                }
            }

            var n = await _inflater!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n > 0)
            {
                _crc.Append(buffer.Span[..n]);
                _memberLength = unchecked(_memberLength + (uint)n);
                return n;
            }

            if (_memberSource.ReachedEnd)
            {
                throw new InvalidDataException("truncated gzip body: end of input inside the compressed data");
            }

            await EndMemberAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    // Synchronous callers read over synchronous sources, so the async path completes inline.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater?.Dispose();
            _inflater = null;
            var buffer = _buffer;
            _buffer = [];
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Parses the next member's header, or returns false at the end of the members.</summary>
    private async ValueTask<bool> StartMemberAsync(CancellationToken cancellationToken)
    {
        var first = _members == 0;
        if (!await EnsureAsync(1, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (_buffer[_start] != 0x1F)
        {
            return first ? throw new InvalidDataException("not a gzip body: missing magic bytes") : false;
        }

        if (!await EnsureAsync(2, cancellationToken).ConfigureAwait(false))
        {
            // A lone 0x1F after a member is trailing garbage, as gzip itself treats it.
            return first ? throw Truncated("header") : false;
        }

        if (_buffer[_start + 1] != 0x8B)
        {
            return first ? throw new InvalidDataException("not a gzip body: missing magic bytes") : false;
        }

        var headerLength = await ParseHeaderAsync(cancellationToken).ConfigureAwait(false);
        _start += headerLength;
        _members++;
        _crc.Reset();
        _memberLength = 0;
        _memberSource.ReachedEnd = false;
        _inflater = new DeflateStream(_memberSource, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    private async ValueTask<int> ParseHeaderAsync(CancellationToken cancellationToken)
    {
        const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10;
        await RequireAsync(10, cancellationToken).ConfigureAwait(false);
        if (_buffer[_start + 2] != 8)
        {
            throw new InvalidDataException("gzip member uses an unsupported compression method");
        }

        var flags = _buffer[_start + 3];
        if ((flags & 0xE0) != 0)
        {
            throw new InvalidDataException("gzip member has reserved header flags set");
        }

        var length = 10;
        if ((flags & FlagExtra) != 0)
        {
            await RequireAsync(length + 2, cancellationToken).ConfigureAwait(false);
            length += 2 + BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start + length));
            await RequireAsync(length, cancellationToken).ConfigureAwait(false);
        }

        if ((flags & FlagName) != 0)
        {
            length = await SkipZeroTerminatedAsync(length, cancellationToken).ConfigureAwait(false);
        }

        if ((flags & FlagComment) != 0)
        {
            length = await SkipZeroTerminatedAsync(length, cancellationToken).ConfigureAwait(false);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            await RequireAsync(length + 2, cancellationToken).ConfigureAwait(false);
            var expected = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_start + length));
            if ((ushort)Crc32.HashToUInt32(_buffer.AsSpan(_start, length)) != expected)
            {
                throw new InvalidDataException("gzip header CRC mismatch");
            }

            length += 2;
        }

        return length;
    }

    private async ValueTask<int> SkipZeroTerminatedAsync(int offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            await RequireAsync(offset + 1, cancellationToken).ConfigureAwait(false);
            var zero = _buffer.AsSpan(_start + offset, _end - _start - offset).IndexOf((byte)0);
            if (zero >= 0)
            {
                return offset + zero + 1;
            }

            offset = _end - _start;
        }
    }

    /// <summary>Finds and checks the trailer after a member whose deflate data just ended.</summary>
    private async ValueTask EndMemberAsync(CancellationToken cancellationToken)
    {
        _inflater!.Dispose();
        _inflater = null;

        // The deflate data ended inside the last piece served; the trailer starts right there.
        var servedEnd = _start - _lastServedStart;
        _start = _lastServedStart;
        await EnsureAsync(servedEnd + 8, cancellationToken).ConfigureAwait(false);
        if (!FindTrailer(servedEnd))
        {
            throw _sourceEnded && _end - _start < servedEnd + 8
                ? Truncated("trailer")
                : new InvalidDataException("gzip member CRC-32 or length mismatch");
        }
    }

    private bool FindTrailer(int servedEnd)
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], _memberLength);
        var window = _buffer.AsSpan(_start, _end - _start);
        var searchEnd = Math.Min(servedEnd, window.Length - 8);
        for (var j = 0; j <= searchEnd; j++)
        {
            if (window.Slice(j, 8).SequenceEqual(trailer))
            {
                _start += j + 8;
                _lastServedStart = _start;
                return true;
            }
        }

        return false;
    }

    private static InvalidDataException Truncated(string part) => new($"truncated gzip body: end of input inside the {part}");

    private async ValueTask RequireAsync(int count, CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(count, cancellationToken).ConfigureAwait(false))
        {
            throw Truncated("header");
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes from <see cref="_start"/> available; false at end of input.</summary>
    private async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (_sourceEnded)
            {
                return false;
            }

            Compact(count);
            var n = await _source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _sourceEnded = true;
                return false;
            }

            _end += n;
        }

        return true;
    }

    // Drops bytes before _start and grows the buffer when count bytes would not fit.
    private void Compact(int count)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _lastServedStart = Math.Max(0, _lastServedStart - _start);
            _start = 0;
        }

        if (_buffer.Length - _end < MaxServe || _buffer.Length < count)
        {
            var size = Math.Max(_buffer.Length * 2, count + MaxServe);
            if (size > MaxBuffer)
            {
                throw new InvalidDataException("gzip header too large");
            }

            var grown = ArrayPool<byte>.Shared.Rent(size);
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
    }
}
