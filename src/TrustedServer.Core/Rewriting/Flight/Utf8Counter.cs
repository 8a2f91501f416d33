namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// Counts the UTF-8 bytes a run of decoded units becomes, pairing UTF-16 surrogate escapes the way the browser does
/// (a pair is one 4-byte character; a lone surrogate becomes U+FFFD, 3 bytes).
/// </summary>
internal struct Utf8Counter
{
    private bool _pendingHigh;

    /// <summary>Is a high surrogate waiting for what follows it?</summary>
    public readonly bool IsPending => _pendingHigh;

    /// <summary>Adds one unit; returns the bytes it completes (a high surrogate waits for what follows it).</summary>
    public int Add(int codePoint, bool escaped)
    {
        var count = 0;
        if (_pendingHigh)
        {
            _pendingHigh = false;
            if (escaped && codePoint is >= 0xDC00 and <= 0xDFFF)
            {
                return 4;
            }

            count = 3;
        }

        if (!escaped)
        {
            // A plain byte of the page's UTF-8 is one byte of the string's UTF-8.
            return count + 1;
        }

        if (codePoint is >= 0xD800 and <= 0xDBFF)
        {
            _pendingHigh = true;
            return count;
        }

        return count + (codePoint is >= 0xDC00 and <= 0xDFFF ? 3 : JsStringUnits.Utf8Length(codePoint));
    }

    /// <summary>Bytes still owed for a high surrogate left alone at the end.</summary>
    public int Finish()
    {
        var owed = _pendingHigh ? 3 : 0;
        _pendingHigh = false;
        return owed;
    }
}
