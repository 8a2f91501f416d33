using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Tests.Urls;

public sealed class UrlRewriteFuzzTests
{
    // Fragments that combine into near-misses: partial schemes, separators, hosts, ports and boundaries.
    private static readonly string[] Fragments =
    [
        "https:", "http:", "//", "\\/\\/", "/", "\\", ":", "origin.com", "ORIGIN.COM", "origin.co", "static.origin.com",
        "www.", ":443", ":80", ":8080", "4", "8", "0", " ", "\"", "'", ")", "?", "#", ",", ";", "<", ">", "a", ".", "-", "@",
        "\u00e9", "\ufffd",
    ];

    [Fact]
    public void Random_near_miss_texts_give_the_same_output_however_they_are_split()
    {
        var mapper = new UrlMapper(
            UrlMapperSettings.Create("https://origin.com", [new HostMapping("static.origin.com", "/s")]), "https", "www.origin.com");
        var random = new Random(1234);
        for (var round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            var parts = random.Next(1, 60);
            for (var i = 0; i < parts; i++)
            {
                text.Append(Fragments[random.Next(Fragments.Length)]);
            }

            var input = Encoding.UTF8.GetBytes(text.ToString());
            var expected = Rewrite(mapper, input, [input.Length]);
            Assert.Equal(Encoding.UTF8.GetString(expected), mapper.MapText(text.ToString()));
            for (var split = 0; split <= input.Length; split++)
            {
                Assert.Equal(expected, Rewrite(mapper, input, [split, input.Length - split]));
            }

            Assert.Equal(expected, Rewrite(mapper, input, Enumerable.Repeat(1, input.Length).ToArray()));
        }
    }

    private static byte[] Rewrite(UrlMapper mapper, byte[] input, int[] sizes)
    {
        var transform = mapper.CreateTransform();
        var output = new ArrayBufferWriter<byte>();
        var offset = 0;
        foreach (var size in sizes)
        {
            transform.Process(input.AsSpan(offset, size), output);
            offset += size;
        }

        transform.Finish(output);
        return output.WrittenSpan.ToArray();
    }
}
