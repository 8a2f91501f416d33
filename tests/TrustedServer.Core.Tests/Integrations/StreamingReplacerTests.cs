using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Integrations;

namespace TrustedServer.Core.Tests.Integrations;

public sealed class StreamingReplacerTests
{
    private static readonly ReplacementTable Table = new(
    [
        ("https://www.googletagmanager.com/gtm.js", "/i/gtm.js"),
        ("www.googletagmanager.com", "HOST"),
        ("www.google-analytics.com", "HOST"),
    ]);

    [Theory]
    [InlineData("j.src='https://www.googletagmanager.com/gtm.js?id='+i", "j.src='/i/gtm.js?id='+i")]
    [InlineData("a=\"https://www.google-analytics.com/g/collect\";b=\"www.googletagmanager.com\"", "a=\"https://HOST/g/collect\";b=\"HOST\"")]
    [InlineData("nothing here, not even www.googletagmanager.co", "nothing here, not even www.googletagmanager.co")]
    [InlineData("ends with a partial www.googletag", "ends with a partial www.googletag")]
    [InlineData("", "")]
    public void Replaces_the_same_for_every_split(string input, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var chunk = 1; chunk <= Math.Max(1, bytes.Length); chunk++)
        {
            var replacer = Table.CreateReplacer();
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                replacer.Process(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), output);
            }

            replacer.Finish(output);
            Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        }
    }
}
