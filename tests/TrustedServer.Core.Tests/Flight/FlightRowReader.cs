using System.Globalization;
using System.Text;

namespace TrustedServer.Core.Tests.Flight;

/// <summary>
/// Frames a Flight stream the way React's client reader does (hex id, ':', a 'T' row read by its byte length, any other
/// row to its newline), so a test can check that a rewritten stream still frames into the rows it should.
/// </summary>
internal static class FlightRowReader
{
    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    public static List<(string Id, string Kind, string Content)> Read(byte[] stream)
    {
        var rows = new List<(string, string, string)>();
        var i = 0;
        while (i < stream.Length)
        {
            if (stream[i] == (byte)'\n')
            {
                i++;
                continue;
            }

            var colon = Array.IndexOf(stream, (byte)':', i);
            // An empty id is row 0 (hints are sent that way); anything else must be hex.
            Assert.True(colon >= i, $"no row id at {i}");
            Assert.True(stream.AsSpan(i, colon - i).IndexOfAnyExcept(HexDigits) < 0, $"row id at {i} is not hex");
            var id = Encoding.ASCII.GetString(stream, i, colon - i);
            i = colon + 1;
            if (stream[i] == (byte)'T')
            {
                var comma = Array.IndexOf(stream, (byte)',', i);
                var length = int.Parse(Encoding.ASCII.GetString(stream, i + 1, comma - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.True(comma + 1 + length <= stream.Length, $"text row {id} runs past the end");
                rows.Add((id, "T", Encoding.UTF8.GetString(stream, comma + 1, length)));
                i = comma + 1 + length;
            }
            else
            {
                var end = Array.IndexOf(stream, (byte)'\n', i);
                end = end < 0 ? stream.Length : end;
                rows.Add((id, "row", Encoding.UTF8.GetString(stream, i, end - i)));
                i = end + 1;
            }
        }

        return rows;
    }
}
