using System.Buffers;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Integrations.NextJs;

/// <summary>
/// Streams a JSON text, mapping the string values whose nearest key (through arrays) is one of the listed keys and
/// passing everything else through as it came. Only such a value is held while it is read; one longer than the cap
/// passes through unmapped. Chunk-invariant: the state is the container stack, the string state and the held value.
/// </summary>
internal sealed class JsonKeyedUrlTransform(UrlMapper mapper, byte[][] keys, int maxValueBytes) : IBodyTransform
{
    private const int MaxKeyBytes = 64;

    private readonly List<Frame> _frames = [];
    private readonly byte[] _key = new byte[MaxKeyBytes];
    private PooledBufferWriter? _value;
    private int _keyLength;
    private bool _inString;
    private bool _isKey;
    private bool _holding;
    private bool _escape;

    public void Process(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        var run = 0;
        for (var i = 0; i < chunk.Length; i++)
        {
            var b = chunk[i];
            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                }
                else if (b == (byte)'\\')
                {
                    _escape = true;
                }
                else if (b == (byte)'"')
                {
                    // The closing quote: what came before it in this chunk is part of the string.
                    Take(chunk[run..i], output);
                    run = i;
                    EndString(output);
                    continue;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    output.Write(chunk[run..(i + 1)]);
                    run = i + 1;
                    _inString = true;
                    _isKey = _frames.Count > 0 && _frames[^1] is { IsObject: true, ExpectKey: true };
                    _keyLength = 0;
                    _holding = !_isKey && IsListed();
                    break;
                case (byte)'{':
                    _frames.Add(new Frame { IsObject = true, ExpectKey = true });
                    break;
                case (byte)'[':
                    _frames.Add(new Frame { Listed = IsListed() });
                    break;
                case (byte)'}' or (byte)']' when _frames.Count > 0:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
                case (byte)':' when _frames.Count > 0:
                    _frames[^1] = _frames[^1] with { ExpectKey = false };
                    break;
                case (byte)',' when _frames.Count > 0 && _frames[^1].IsObject:
                    _frames[^1] = _frames[^1] with { ExpectKey = true, KeyListed = false };
                    break;
            }
        }

        if (_inString)
        {
            Take(chunk[run..], output);
        }
        else
        {
            output.Write(chunk[run..]);
        }
    }

    public void Finish(IBufferWriter<byte> output)
    {
        if (_value is { WrittenCount: > 0 } value)
        {
            output.Write(value.WrittenSpan);
        }

        _value?.Dispose();
        _value = null;
        _frames.Clear();
        _inString = _holding = _escape = false;
    }

    /// <summary>Bytes inside a string: a listed value is held, a key is noted, anything else passes.</summary>
    private void Take(ReadOnlySpan<byte> part, IBufferWriter<byte> output)
    {
        if (_isKey && _keyLength >= 0)
        {
            if (_keyLength + part.Length <= MaxKeyBytes)
            {
                part.CopyTo(_key.AsSpan(_keyLength));
                _keyLength += part.Length;
            }
            else
            {
                _keyLength = -1;
            }
        }

        if (!_holding)
        {
            output.Write(part);
            return;
        }

        var value = _value ??= new PooledBufferWriter(256);
        value.Write(part);
        if (value.WrittenCount > maxValueBytes)
        {
            output.Write(value.WrittenSpan);
            value.Clear();
            _holding = false;
        }
    }

    private void EndString(IBufferWriter<byte> output)
    {
        _inString = false;
        if (_isKey)
        {
            var key = _keyLength < 0 ? [] : _key.AsSpan(0, _keyLength);
            var listed = false;
            foreach (var k in keys)
            {
                listed |= key.SequenceEqual(k);
            }

            _frames[^1] = _frames[^1] with { KeyListed = listed };
            return;
        }

        if (_holding && _value is { } value)
        {
            if (!mapper.TryMapAttributeValue(value.WrittenSpan, urlBearing: true, output))
            {
                output.Write(value.WrittenSpan);
            }

            value.Clear();
        }

        _holding = false;
    }

    private bool IsListed()
    {
        if (_frames.Count == 0)
        {
            return false;
        }

        var top = _frames[^1];
        return top.IsObject ? top.KeyListed : top.Listed;
    }

    private readonly record struct Frame(bool IsObject = false, bool ExpectKey = false, bool KeyListed = false, bool Listed = false);
}
