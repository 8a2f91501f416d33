namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>RCDATA, RAWTEXT and script data (with its escaped and double-escaped states).</summary>
internal sealed partial class HtmlTokenizer
{
    private static readonly byte[] ScriptName = "script"u8.ToArray();

    private static readonly byte[][] EndNames = BuildEndNames();

    private ScriptSub _script;
    private int _temp;

    private enum ScriptSub : byte
    {
        Normal,
        EscapeStart,
        EscapeStartDash,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        DoubleEscapeStart,
        DoubleEscaped,
        DoubleEscapedDash,
        DoubleEscapedDashDash,
        DoubleEscapedLessThan,
        DoubleEscapeEnd,
    }

    private static byte[][] BuildEndNames()
    {
        var names = new byte[(int)TagKind.Breakout + 1][];
        for (var k = 0; k < names.Length; k++)
        {
            names[k] = TagNames.EndNameOf((TagKind)k).ToArray();
        }

        return names;
    }

    /// <summary>Is the <c>&lt;</c> at <paramref name="lt"/> the start of the appropriate end tag?
    /// 1 yes, -1 no, 0 cannot tell yet.</summary>
    private int MatchEndTag(ReadOnlySpan<byte> buf, int lt, bool final)
    {
        var name = _endName;
        var need = lt + 2 + name.Length;
        if (name.Length == 0)
        {
            return -1;
        }

        for (var i = lt + 1; i <= need; i++)
        {
            if (i >= buf.Length)
            {
                return final ? -1 : 0;
            }

            var b = buf[i];
            var ok = i == lt + 1 ? b == '/'
                : i < need ? TagNames.ToLower(b) == name[i - lt - 2]
                : TagNames.IsWhitespace(b) || b is (byte)'/' or (byte)'>';
            if (!ok)
            {
                return -1;
            }
        }

        return 1;
    }

    /// <summary>Handles a possible end tag at <paramref name="lt"/>; returns false when the window must stop.</summary>
    private bool TryEndTag(ReadOnlySpan<byte> buf, int lt, ref int pos, ref int mark, bool final, out bool matched)
    {
        matched = false;
        switch (MatchEndTag(buf, lt, final))
        {
            case 1:
                matched = true;
                BeginTag(buf, lt, lt + 2, isEnd: true, ref pos, ref mark);
                return true;
            case 0:
                pos = buf.Length;
                _holdAt = lt;
                return false;
            default:
                return true;
        }
    }

    private bool StepRawText(ReadOnlySpan<byte> buf, ref int pos, ref int mark, bool final)
    {
        while (true)
        {
            var i = buf[pos..].IndexOf((byte)'<');
            if (i < 0)
            {
                pos = buf.Length;
                return false;
            }

            var lt = pos + i;
            if (!TryEndTag(buf, lt, ref pos, ref mark, final, out var matched))
            {
                return false;
            }

            if (matched)
            {
                return true;
            }

            pos = lt + 1;
        }
    }

    private bool StepScript(ReadOnlySpan<byte> buf, ref int pos, ref int mark, bool final)
    {
        var len = buf.Length;
        while (pos < len)
        {
            switch (_script)
            {
                case ScriptSub.Normal:
                    {
                        var i = buf[pos..].IndexOf((byte)'<');
                        if (i < 0)
                        {
                            pos = len;
                            return false;
                        }

                        var lt = pos + i;
                        if (lt + 1 >= len)
                        {
                            return HoldOrText(buf, lt, ref pos, final);
                        }

                        if (buf[lt + 1] == '/')
                        {
                            if (!TryEndTag(buf, lt, ref pos, ref mark, final, out var matched) || matched)
                            {
                                return matched;
                            }

                            pos = lt + 2;
                        }
                        else if (buf[lt + 1] == '!')
                        {
                            pos = lt + 2;
                            _script = ScriptSub.EscapeStart;
                        }
                        else
                        {
                            pos = lt + 1;
                        }

                        break;
                    }

                case ScriptSub.EscapeStart:
                case ScriptSub.EscapeStartDash:
                    if (buf[pos] == '-')
                    {
                        pos++;
                        _script = _script == ScriptSub.EscapeStart ? ScriptSub.EscapeStartDash : ScriptSub.EscapedDashDash;
                    }
                    else
                    {
                        _script = ScriptSub.Normal;
                    }

                    break;
                case ScriptSub.Escaped:
                case ScriptSub.DoubleEscaped:
                    {
                        var i = buf[pos..].IndexOfAny(DashOrLt);
                        if (i < 0)
                        {
                            pos = len;
                            return false;
                        }

                        pos += i;
                        var dbl = _script == ScriptSub.DoubleEscaped;
                        if (buf[pos] == '-')
                        {
                            pos++;
                            _script = dbl ? ScriptSub.DoubleEscapedDash : ScriptSub.EscapedDash;
                        }
                        else if (dbl)
                        {
                            pos++;
                            _script = ScriptSub.DoubleEscapedLessThan;
                        }
                        else if (!EscapedLessThan(buf, ref pos, ref mark, final, out var stop))
                        {
                            return stop;
                        }

                        break;
                    }

                case ScriptSub.EscapedDash:
                case ScriptSub.EscapedDashDash:
                    {
                        var b = buf[pos];
                        if (b == '-')
                        {
                            pos++;
                            _script = ScriptSub.EscapedDashDash;
                        }
                        else if (b == '<')
                        {
                            if (!EscapedLessThan(buf, ref pos, ref mark, final, out var stop))
                            {
                                return stop;
                            }
                        }
                        else
                        {
                            pos++;
                            _script = b == '>' && _script == ScriptSub.EscapedDashDash ? ScriptSub.Normal : ScriptSub.Escaped;
                        }

                        break;
                    }

                case ScriptSub.DoubleEscapedDash:
                case ScriptSub.DoubleEscapedDashDash:
                    {
                        var b = buf[pos++];
                        _script = b switch
                        {
                            (byte)'-' => ScriptSub.DoubleEscapedDashDash,
                            (byte)'<' => ScriptSub.DoubleEscapedLessThan,
                            (byte)'>' when _script == ScriptSub.DoubleEscapedDashDash => ScriptSub.Normal,
                            _ => ScriptSub.DoubleEscaped,
                        };
                        break;
                    }

                case ScriptSub.DoubleEscapedLessThan:
                    if (buf[pos] == '/')
                    {
                        pos++;
                        _temp = 0;
                        _script = ScriptSub.DoubleEscapeEnd;
                    }
                    else
                    {
                        _script = ScriptSub.DoubleEscaped;
                    }

                    break;
                default:
                    {
                        // DoubleEscapeStart / DoubleEscapeEnd: compare the letters with "script".
                        var b = buf[pos];
                        var start = _script == ScriptSub.DoubleEscapeStart;
                        if (TagNames.IsWhitespace(b) || b is (byte)'/' or (byte)'>')
                        {
                            pos++;
                            var isScript = _temp == 6;
                            _script = isScript == start ? ScriptSub.DoubleEscaped : ScriptSub.Escaped;
                        }
                        else if (TagNames.IsAsciiAlpha(b))
                        {
                            pos++;
                            _temp = _temp >= 0 && _temp < 6 && TagNames.ToLower(b) == ScriptName[_temp] ? _temp + 1 : -1;
                        }
                        else
                        {
                            _script = start ? ScriptSub.Escaped : ScriptSub.DoubleEscaped;
                        }

                        break;
                    }
            }
        }

        return false;
    }

    /// <summary>The script-data-escaped less-than sign state. Returns false when the caller must return
    /// <paramref name="result"/> from the step.</summary>
    private bool EscapedLessThan(ReadOnlySpan<byte> buf, ref int pos, ref int mark, bool final, out bool result)
    {
        var lt = pos;
        result = false;
        if (lt + 1 >= buf.Length)
        {
            result = HoldOrText(buf, lt, ref pos, final);
            return false;
        }

        var b = buf[lt + 1];
        if (b == '/')
        {
            if (!TryEndTag(buf, lt, ref pos, ref mark, final, out var matched) || matched)
            {
                result = matched;
                return false;
            }

            pos = lt + 2;
            _script = ScriptSub.Escaped;
        }
        else if (TagNames.IsAsciiAlpha(b))
        {
            pos = lt + 1;
            _temp = 0;
            _script = ScriptSub.DoubleEscapeStart;
        }
        else
        {
            pos = lt + 1;
            _script = ScriptSub.Escaped;
        }

        return true;
    }
}
