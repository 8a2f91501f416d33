using System.Text;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// Rewrites CSS <c>url(...)</c> values (unquoted, single- or double-quoted) incrementally: everything is passed
/// through as it arrives except the value of a <c>url(</c> still being read, which is held back until its closing
/// <c>)</c>. A value that cannot be an http(s) or protocol-relative URL (a long <c>data:</c> URI, say), or that grows
/// past <see cref="MaxHeldValue"/>, is released unchanged at once, so memory stays bounded whatever the input.
/// Values the map leaves alone are emitted byte for byte; a rewritten one is written <c>url(QnewQ)</c> with its
/// original quote Q (none if unquoted), as the original does. Usable for inline <c>style</c> attributes, chunked
/// <c>&lt;style&gt;</c> text, and <c>text/css</c> bodies.
/// </summary>
public sealed class CssUrlRewriter
{
    /// <summary>Longest url() value held back while waiting for its end.</summary>
    public const int MaxHeldValue = 8 * 1024;

    private static readonly string[] RewritablePrefixes = ["http://", "https://", "//"];

    private readonly Func<string, string?> _map;
    private readonly StringBuilder _held = new();
    private State _state = State.Text;
    private char _quote;
    private bool _escaped;
    private int _valueStart;
    private int _valueEnd;
    private int _matched; // how many chars of "url" have just been seen in Text state
    private char _beforeMatch = ' ';
    private char _last = ' ';

    /// <summary>Creates a rewriter; <paramref name="map"/> returns the replacement URL, or null to leave one alone.</summary>
    public CssUrlRewriter(Func<string, string?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = map;
    }

    private enum State
    {
        Text,
        LeadingSpace, // after "url(", before the value
        Unquoted,
        UnquotedTrailingSpace,
        Quoted,
        AfterQuote, // closing quote seen, waiting for ')'
        SkipQuoted, // releasing a non-rewritable quoted value until its closing quote
        SkipUnquoted, // releasing a non-rewritable unquoted value until ')'
    }

    /// <summary>Rewrites a whole CSS string (a style attribute value or a complete stylesheet).</summary>
    public static string Rewrite(string css, Func<string, string?> map)
    {
        ArgumentNullException.ThrowIfNull(css);
        var rewriter = new CssUrlRewriter(map);
        var output = new StringBuilder(css.Length + 64);
        rewriter.Push(css, output);
        rewriter.Flush(output);
        return output.ToString();
    }

    /// <summary>Consumes the next chunk, appending whatever is final to <paramref name="output"/>.</summary>
    public void Push(ReadOnlySpan<char> chunk, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var c in chunk)
        {
            Step(c, output);
        }
    }

    /// <summary>Ends the input: anything held back is released unchanged.</summary>
    public void Flush(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append(_held);
        _held.Clear();
        _state = State.Text;
        _matched = 0;
    }

    private void Step(char c, StringBuilder output)
    {
        switch (_state)
        {
            case State.Text:
                output.Append(c);
                TrackUrlOpen(c);
                break;
            case State.SkipQuoted:
                output.Append(c);
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == _quote)
                {
                    _state = State.Text;
                }

                break;
            case State.SkipUnquoted:
                output.Append(c);
                if (c == ')')
                {
                    _state = State.Text;
                }

                break;
            default:
                _held.Append(c);
                OnHeldChar(c, output);
                break;
        }

        _last = c;
    }

    private void TrackUrlOpen(char c)
    {
        if (c == '(' && _matched == 3 && !IsIdentChar(_beforeMatch))
        {
            _state = State.LeadingSpace;
            _held.Clear();
            _escaped = false;
            _matched = 0;
            return;
        }

        var lower = char.ToLowerInvariant(c);
        if (_matched < 3 && lower == "url"[_matched])
        {
            if (_matched == 0)
            {
                _beforeMatch = _last;
            }

            _matched++;
        }
        else if (lower == 'u')
        {
            _beforeMatch = _last;
            _matched = 1;
        }
        else
        {
            _matched = 0;
        }
    }

    private void OnHeldChar(char c, StringBuilder output)
    {
        var index = _held.Length - 1;
        switch (_state)
        {
            case State.LeadingSpace:
                if (IsCssSpace(c))
                {
                    return;
                }

                if (c == ')')
                {
                    Release(output, State.Text);
                }
                else if (c is '"' or '\'')
                {
                    _quote = c;
                    _valueStart = index + 1;
                    _state = State.Quoted;
                }
                else
                {
                    _valueStart = index;
                    _state = State.Unquoted;
                    CheckStillRewritable(output, State.SkipUnquoted);
                }

                return;
            case State.Unquoted:
                if (c == ')')
                {
                    _valueEnd = index;
                    Complete('\0', output);
                }
                else if (IsCssSpace(c))
                {
                    _valueEnd = index;
                    _state = State.UnquotedTrailingSpace;
                }
                else if (c is '"' or '\'' or '(')
                {
                    Release(output, State.SkipUnquoted); // a bad url token; the browser ignores it
                }
                else
                {
                    CheckStillRewritable(output, State.SkipUnquoted);
                }

                return;
            case State.UnquotedTrailingSpace:
                if (c == ')')
                {
                    Complete('\0', output);
                }
                else if (!IsCssSpace(c))
                {
                    Release(output, State.SkipUnquoted);
                }

                return;
            case State.Quoted:
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == _quote)
                {
                    _valueEnd = index;
                    _state = State.AfterQuote;
                    return;
                }

                CheckStillRewritable(output, State.SkipQuoted);
                return;
            case State.AfterQuote:
                if (c == ')')
                {
                    Complete(_quote, output);
                }
                else if (!IsCssSpace(c))
                {
                    Release(output, State.Text); // url("a" x): not a plain url() we rewrite
                }

                return;
        }
    }

    // Releases the held text unchanged as soon as the value can no longer be an http(s) or //-URL, or gets too long.
    private void CheckStillRewritable(StringBuilder output, State skipState)
    {
        var length = _held.Length - _valueStart;
        if (length > MaxHeldValue)
        {
            Release(output, skipState);
            return;
        }

        if (length <= 8)
        {
            Span<char> prefix = stackalloc char[length];
            _held.CopyTo(_valueStart, prefix, length);
            if (!CouldBeRewritable(prefix))
            {
                Release(output, skipState);
            }
        }
    }

    private void Complete(char quote, StringBuilder output)
    {
        var value = _held.ToString(_valueStart, _valueEnd - _valueStart);
        var replacement = _map(value);
        if (replacement is null || replacement == value)
        {
            output.Append(_held);
        }
        else
        {
            if (quote != '\0')
            {
                output.Append(quote).Append(replacement).Append(quote);
            }
            else
            {
                output.Append(replacement);
            }

            output.Append(')');
        }

        _held.Clear();
        _state = State.Text;
    }

    private void Release(StringBuilder output, State next)
    {
        output.Append(_held);
        _held.Clear();
        _state = next;
    }

    private static bool CouldBeRewritable(ReadOnlySpan<char> value)
    {
        value = value.TrimStart();
        foreach (var prefix in RewritablePrefixes)
        {
            var n = Math.Min(prefix.Length, value.Length);
            if (value[..n].Equals(prefix.AsSpan(0, n), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '\\' || c >= 0x80;

    private static bool IsCssSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
