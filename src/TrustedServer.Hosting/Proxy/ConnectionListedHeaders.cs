namespace TrustedServer.Hosting.Proxy;

/// <summary>
/// The header names a <c>Connection</c> value lists, which are hop-by-hop (RFC 9110 7.6.1) and must not be forwarded
/// in either direction. <c>close</c> and <c>keep-alive</c> are connection options rather than header names, and
/// <c>Host</c> is never dropped on their say-so. Read from the raw value without allocating.
/// </summary>
internal ref struct ConnectionListedHeaders
{
    private readonly ReadOnlySpan<char> _value;
    private MemoryExtensions.SpanSplitEnumerator<char> _ranges;

    /// <summary>The header names listed in one <c>Connection</c> value.</summary>
    public ConnectionListedHeaders(ReadOnlySpan<char> value)
    {
        _value = value;
        _ranges = value.Split(',');
        Current = default;
    }

    /// <summary>The current header name, trimmed.</summary>
    public ReadOnlySpan<char> Current { get; private set; }

    /// <summary>Enumerates with <c>foreach</c>.</summary>
    public readonly ConnectionListedHeaders GetEnumerator() => this;

    /// <summary>Advances to the next listed header name.</summary>
    public bool MoveNext()
    {
        while (_ranges.MoveNext())
        {
            var token = _value[_ranges.Current].Trim();
            if (!token.IsEmpty
                && !token.Equals("close", StringComparison.OrdinalIgnoreCase)
                && !token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
                && !token.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                Current = token;
                return true;
            }
        }

        return false;
    }
}
