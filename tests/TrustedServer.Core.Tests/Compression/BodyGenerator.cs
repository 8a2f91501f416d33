using System.Text;

namespace TrustedServer.Core.Tests.Compression;

/// <summary>Generates CSS, JavaScript and JSON bodies dense with origin URLs in every form, look-alikes included.</summary>
internal static class BodyGenerator
{
    private static readonly string[] Urls =
    [
        "https://origin.com/a.png", "http://origin.com/b.css", "//origin.com/c.js", "https:\\/\\/origin.com\\/d.json",
        "\\/\\/origin.com\\/e", "https://origin.com:443/f", "https://ORIGIN.com", "https://origin.com.evil/x",
        "https://origin.community/y", "https://cdn.origin.com/z", "mail@origin.com", "notorigin.com",
        "https://origin.com:8080/p", "https://static.origin.com/img/1.webp", "//static.origin.com/s.css", "https://www.origin.com/w",
    ];

    public static byte[] Css(int seed, int approximateBytes) =>
        Build(seed, approximateBytes, (r, u, i) => $".c{i}{{background:url({u}) no-repeat;color:#{r.Next(0xFFFFFF):x6}}}\n");

    public static byte[] Js(int seed, int approximateBytes) =>
        Build(seed, approximateBytes, (r, u, i) => $"var v{i}=\"{u}\";if(a&&b<{r.Next(100)}){{fetch('{u}?q={i}')}}\n");

    public static byte[] Json(int seed, int approximateBytes) =>
        Build(seed, approximateBytes, (r, u, i) => $"{{\"id\":{i},\"url\":\"{u}\",\"n\":{r.Next()}}},\n");

    private static byte[] Build(int seed, int approximateBytes, Func<Random, string, int, string> line)
    {
        var random = new Random(seed);
        var text = new StringBuilder(approximateBytes + 256);
        for (var i = 0; text.Length < approximateBytes; i++)
        {
            text.Append(line(random, Urls[random.Next(Urls.Length)], i));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
