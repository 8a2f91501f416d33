using System.Text;
using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>A compiled compound selector: an optional type and attribute conditions (<c>#id</c> and <c>.class</c>
/// become <c>[id=v]</c> and <c>[class~=v]</c>).</summary>
internal sealed class Selector
{
    private Selector(byte[]? name, AttributeCondition[] conditions)
    {
        Name = name;
        Conditions = conditions;
    }

    internal enum Op : byte
    {
        Exists,
        Equals,
        Includes,
        Prefix,
        Suffix,
        Substring,
        DashMatch,
    }

    /// <summary>The lower-case type, or null for any element.</summary>
    public byte[]? Name { get; }

    public AttributeCondition[] Conditions { get; }

    /// <summary>Parses a comma-separated list of compound selectors.</summary>
    public static Selector[] ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Selector>();
        foreach (var part in text.Split(','))
        {
            result.Add(Parse(part.Trim(), text));
        }

        return [.. result];
    }

    private static Selector Parse(string s, string whole)
    {
        if (s.Length == 0)
        {
            throw new FormatException($"empty selector in \"{whole}\"");
        }

        var i = 0;
        byte[]? name = null;
        if (s[0] == '*')
        {
            i = 1;
        }
        else if (IsIdentChar(s[0]))
        {
            var n = ReadIdent(s, ref i);
            name = Encoding.ASCII.GetBytes(n.ToLowerInvariant());
        }

        var conditions = new List<AttributeCondition>();
        while (i < s.Length)
        {
            var c = s[i++];
            switch (c)
            {
                case '#':
                    conditions.Add(new AttributeCondition("id"u8.ToArray(), Op.Equals, Encoding.UTF8.GetBytes(ReadIdent(s, ref i))));
                    break;
                case '.':
                    conditions.Add(new AttributeCondition("class"u8.ToArray(), Op.Includes, Encoding.UTF8.GetBytes(ReadIdent(s, ref i))));
                    break;
                case '[':
                    conditions.Add(ParseAttribute(s, ref i, whole));
                    break;
                default:
                    throw new FormatException($"unsupported selector syntax at '{c}' in \"{whole}\" (supported: *, type, #id, .class, [attr], [attr=v], [attr~=v], [attr^=v], [attr$=v], [attr*=v], [attr|=v], comma lists)");
            }
        }

        return new Selector(name, [.. conditions]);
    }

    private static AttributeCondition ParseAttribute(string s, ref int i, string whole)
    {
        SkipSpaces(s, ref i);
        var attr = Encoding.ASCII.GetBytes(ReadIdent(s, ref i).ToLowerInvariant());
        SkipSpaces(s, ref i);
        if (i < s.Length && s[i] == ']')
        {
            i++;
            return new AttributeCondition(attr, Op.Exists, []);
        }

        var op = i < s.Length ? s[i] : '\0';
        Op kind;
        if (op == '=')
        {
            kind = Op.Equals;
            i++;
        }
        else if (i + 1 < s.Length && s[i + 1] == '=')
        {
            kind = op switch
            {
                '~' => Op.Includes,
                '^' => Op.Prefix,
                '$' => Op.Suffix,
                '*' => Op.Substring,
                '|' => Op.DashMatch,
                _ => throw new FormatException($"unknown attribute operator in \"{whole}\""),
            };
            i += 2;
        }
        else
        {
            throw new FormatException($"malformed attribute selector in \"{whole}\"");
        }

        SkipSpaces(s, ref i);
        string value;
        if (i < s.Length && s[i] is '"' or '\'')
        {
            var q = s[i++];
            var end = s.IndexOf(q, i);
            if (end < 0)
            {
                throw new FormatException($"unterminated string in \"{whole}\"");
            }

            value = s[i..end];
            i = end + 1;
        }
        else
        {
            value = ReadIdent(s, ref i);
        }

        SkipSpaces(s, ref i);
        if (i >= s.Length || s[i] != ']')
        {
            throw new FormatException($"missing ']' in \"{whole}\"");
        }

        i++;
        return new AttributeCondition(attr, kind, Encoding.UTF8.GetBytes(value));
    }

    private static string ReadIdent(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && IsIdentChar(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            throw new FormatException($"identifier expected at {start} in \"{s}\"");
        }

        return s[start..i];
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }

    private static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' || c > 127;

    /// <summary>Does a tag match? Values are compared raw unless they hold a character reference.</summary>
    public bool Matches(in HtmlTagView tag, Encoding encoding)
    {
        if (Name is not null && !TagNames.EqualsLower(tag.Name, Name))
        {
            return false;
        }

        foreach (var c in Conditions)
        {
            if (!c.Matches(tag, encoding))
            {
                return false;
            }
        }

        return true;
    }

    internal sealed record AttributeCondition(byte[] Name, Op Kind, byte[] Value)
    {
        public bool Matches(in HtmlTagView tag, Encoding encoding)
        {
            foreach (var a in tag.Attributes)
            {
                if (!TagNames.EqualsLower(tag.Raw[a.NameStart..a.NameEnd], Name))
                {
                    continue;
                }

                if (Kind == Op.Exists)
                {
                    return true;
                }

                var raw = a.HasValue ? tag.Raw[a.ValueStart..a.ValueEnd] : default;
                ReadOnlySpan<byte> v = raw.IndexOf((byte)'&') >= 0 || raw.IndexOf((byte)0) >= 0
                    ? encoding.GetBytes(CharacterReferences.Decode(raw, inAttribute: true, encoding))
                    : raw;
                return Test(v);
            }

            return false;
        }

        private bool Test(ReadOnlySpan<byte> v)
        {
            var x = Value.AsSpan();
            switch (Kind)
            {
                case Op.Equals:
                    return v.SequenceEqual(x);
                case Op.Prefix:
                    return x.Length > 0 && v.StartsWith(x);
                case Op.Suffix:
                    return x.Length > 0 && v.EndsWith(x);
                case Op.Substring:
                    return x.Length > 0 && v.IndexOf(x) >= 0;
                case Op.DashMatch:
                    return v.SequenceEqual(x) || (v.Length > x.Length && v.StartsWith(x) && v[x.Length] == '-');
                default:
                    if (x.Length == 0 || x.IndexOfAny(" \t\n\f\r"u8) >= 0)
                    {
                        return false;
                    }

                    foreach (var range in v.SplitAny(" \t\n\f\r"u8))
                    {
                        if (v[range].SequenceEqual(x))
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }
    }
}
