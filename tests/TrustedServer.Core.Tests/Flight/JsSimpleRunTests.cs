using TrustedServer.Core.Rewriting.Flight;

namespace TrustedServer.Core.Tests.Flight;

public sealed class JsSimpleRunTests
{
    private static readonly byte[] Alphabet = [(byte)'\\', (byte)'\\', (byte)'\\', (byte)'u', (byte)'x', (byte)'n', (byte)'\n', (byte)'\r', (byte)'"', (byte)'a', 0xC3, 0xA9];

    [Theory]
    [InlineData("plain text", false, 10, 0)]
    [InlineData("a\\\"b\\\\c", false, 7, 2)]
    [InlineData("a\\nb", false, 4, 1)]
    [InlineData("a\\nb", true, 1, 0)]
    [InlineData("ab\\u003c", false, 2, 0)]
    [InlineData("ab\\", false, 2, 0)]
    [InlineData("\\\\\\", false, 2, 1)]
    [InlineData("", false, 0, 0)]
    public void Takes_plain_bytes_and_one_character_escapes_and_stops_before_the_rest(string text, bool newlineEnds, int run, int escapes)
    {
        var length = JsSimpleRun.Measure(System.Text.Encoding.ASCII.GetBytes(text), newlineEnds, out var count);

        Assert.Equal((run, escapes), (length, count));
    }

    [Fact]
    public void Random_texts_measure_as_a_unit_by_unit_reader_does()
    {
        var random = new Random(4242);
        for (var round = 0; round < 5000; round++)
        {
            var bytes = new byte[random.Next(0, 400)];
            for (var i = 0; i < bytes.Length; i++)
            {
                // Plain bytes mostly, so runs get long enough to cross several 64-byte blocks.
                bytes[i] = random.Next(4) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (byte)'a';
            }

            var newlineEnds = random.Next(2) == 0;
            var expected = Reference(bytes, newlineEnds, out var expectedEscapes);

            var run = JsSimpleRun.Measure(bytes, newlineEnds, out var escapes);

            Assert.Equal((expected, expectedEscapes), (run, escapes));
        }
    }

    private static int Reference(byte[] bytes, bool newlineEnds, out int escapes)
    {
        escapes = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            if (i + 1 >= bytes.Length)
            {
                break;
            }

            var next = bytes[i + 1];
            if (next is (byte)'u' or (byte)'x' or (byte)'\r' or (byte)'\n' or >= 0x80 || (newlineEnds && next == (byte)'n'))
            {
                break;
            }

            escapes++;
            i += 2;
        }

        return i;
    }
}
