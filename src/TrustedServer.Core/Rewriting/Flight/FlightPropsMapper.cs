using System.Buffers;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Flight;

/// <summary>
/// The hydration rule for one JSON Flight row: React hydrates the server's HTML against the payload, and the publisher
/// mapping changes URLs in the HTML's attributes (and script and style text) but never its text nodes. So a string
/// React renders as text (a <c>children</c> value, directly or in an array, except under a <c>script</c> or
/// <c>style</c> element) is left as the origin wrote it, and every other string (props that become attributes, hints,
/// data) is mapped. Strings are found by walking the row's JSON without building it.
/// </summary>
internal static class FlightPropsMapper
{
    /// <summary>Writes <paramref name="row"/> (the bytes after <c>id:</c>) to <paramref name="output"/>, mapped by the rule.</summary>
    public static void Map(ReadOnlySpan<byte> row, FlightEncoding encoding, UrlMapper mapper, IBufferWriter<byte> output)
    {
        var frames = new List<Frame>(8);
        var inString = false;
        var jsonEscape = false;
        var isKey = false;
        var stringStart = 0;
        var copied = 0;
        var i = 0;
        while (i < row.Length)
        {
            if (inString && !jsonEscape)
            {
                // Inside a string only a backslash (which starts every escape, and in a JavaScript string every quote)
                // or, in raw Flight, the closing quote matters: the bytes between pass in one step.
                var plain = encoding == FlightEncoding.Raw ? row[i..].IndexOfAny((byte)'\\', (byte)'"') : row[i..].IndexOf((byte)'\\');
                if (plain < 0)
                {
                    break;
                }

                i += plain;
            }

            int length;
            int codePoint;
            if (encoding == FlightEncoding.Raw || row[i] != (byte)'\\')
            {
                length = 1;
                codePoint = row[i];
            }
            else
            {
                length = JsStringUnits.Read(row[i..], out codePoint);
                if (length == 0)
                {
                    break;
                }
            }

            if (inString)
            {
                if (jsonEscape)
                {
                    jsonEscape = false;
                }
                else if (codePoint == '\\')
                {
                    jsonEscape = true;
                }
                else if (codePoint == '"')
                {
                    inString = false;
                    var value = row[stringStart..i];
                    if (isKey)
                    {
                        var top = frames[^1];
                        top.KeyIsChildren = value.SequenceEqual("children"u8);
                        frames[^1] = top;
                    }
                    else
                    {
                        NoteArrayItem(frames, value);
                        if (!IsText(frames))
                        {
                            output.Write(row[copied..stringStart]);
                            if (!mapper.TryMapAttributeValue(value, urlBearing: false, output))
                            {
                                output.Write(value);
                            }

                            copied = i;
                        }
                    }
                }
            }
            else
            {
                switch (codePoint)
                {
                    case '"':
                        inString = true;
                        isKey = frames.Count > 0 && frames[^1] is { IsObject: true, ExpectKey: true };
                        stringStart = i + length;
                        break;
                    case '{':
                        var code = frames.Count > 0 && frames[^1] is { IsObject: false, IsElement: true, Index: 3, ElementIsCode: true };
                        frames.Add(new Frame { IsObject = true, ExpectKey = true, CodeChildren = code });
                        break;
                    case '[':
                        frames.Add(new Frame { Text = IsText(frames) });
                        break;
                    case '}':
                    case ']':
                        if (frames.Count > 0)
                        {
                            frames.RemoveAt(frames.Count - 1);
                        }

                        break;
                    case ':' when frames.Count > 0:
                        var colon = frames[^1];
                        colon.ExpectKey = false;
                        frames[^1] = colon;
                        break;
                    case ',' when frames.Count > 0:
                        var comma = frames[^1];
                        if (comma.IsObject)
                        {
                            comma.ExpectKey = true;
                            comma.KeyIsChildren = false;
                        }
                        else
                        {
                            comma.Index++;
                        }

                        frames[^1] = comma;
                        break;
                }
            }

            i += length;
        }

        output.Write(row[copied..]);
    }

    /// <summary>Does a string value here become a text node?</summary>
    private static bool IsText(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return false;
        }

        var top = frames[^1];
        return top.IsObject ? top.KeyIsChildren && !top.CodeChildren : top.Text;
    }

    /// <summary>Recognises React element tuples, <c>["$", type, key, props]</c>, by their first two strings.</summary>
    private static void NoteArrayItem(List<Frame> frames, ReadOnlySpan<byte> value)
    {
        if (frames.Count == 0 || frames[^1].IsObject)
        {
            return;
        }

        var top = frames[^1];
        if (top.Index == 0)
        {
            top.IsElement = value.SequenceEqual("$"u8);
        }
        else if (top.Index == 1 && top.IsElement)
        {
            top.ElementIsCode = value.SequenceEqual("script"u8) || value.SequenceEqual("style"u8);
        }

        frames[^1] = top;
    }

    private struct Frame
    {
        public bool IsObject;
        public bool ExpectKey;
        public bool KeyIsChildren;
        public bool CodeChildren;
        public bool Text;
        public bool IsElement;
        public bool ElementIsCode;
        public int Index;
    }
}
