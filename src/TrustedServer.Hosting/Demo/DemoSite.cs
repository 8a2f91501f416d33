using System.IO.Compression;
using System.Text;

namespace TrustedServer.Hosting.Demo;

/// <summary>Builds the demo site's files for a given origin URL.</summary>
internal static class DemoSite
{
    public static Dictionary<string, DemoAsset> Build(string origin)
    {
        var site = new Dictionary<string, DemoAsset>(StringComparer.OrdinalIgnoreCase)
        {
            ["/"] = Text("text/html; charset=utf-8", Page(origin, "Home", DemoContent.Home)),
            ["/about"] = Text("text/html; charset=utf-8", Page(origin, "About", DemoContent.About)),
            ["/articles/streaming"] = Text("text/html; charset=utf-8", Page(origin, "Why streaming matters", DemoContent.Article)),
            [DemoTagsPage.Path] = Text("text/html; charset=utf-8", Fill(DemoTagsPage.Html, origin)),
            ["/static/site.css"] = Text("text/css; charset=utf-8", Fill(DemoContent.Css, origin)),
            ["/static/app.js"] = Text("text/javascript; charset=utf-8", Fill(DemoContent.Script, origin)),
            [DemoAds.GptPath] = Text("text/javascript; charset=utf-8", DemoAds.StandInGpt),
            ["/api/news.json"] = Text("application/json", Fill(DemoContent.Json, origin)),
            ["/images/logo.png"] = Binary("image/png", PngWriter.Gradient(160, 48, 0x20)),
            ["/images/icon.png"] = Binary("image/png", PngWriter.Gradient(16, 16, 0x50)),
            ["/images/thumb.png"] = Binary("image/png", PngWriter.Gradient(64, 64, 0x80)),
            ["/images/hero.png"] = Binary("image/png", PngWriter.Gradient(1024, 512, 0x10)),
            ["/static/demo.woff2"] = Binary("font/woff2", FontBlob()),
        };
        site["404"] = Text("text/html; charset=utf-8", Page(origin, "Not found", DemoContent.NotFound)) with { Status = 404 };
        return site;
    }

    private static string Page(string origin, string title, string body) =>
        Fill(DemoContent.Layout.Replace("{title}", title, StringComparison.Ordinal).Replace("{body}", body, StringComparison.Ordinal)
            .Replace("{ads-head}", DemoAds.HeadScript, StringComparison.Ordinal)
            .Replace("{ad-top}", DemoAds.TopSlot, StringComparison.Ordinal)
            .Replace("{ad-side}", DemoAds.SideSlot, StringComparison.Ordinal), origin);

    private static string Fill(string template, string origin) => template.Replace("{origin}", origin, StringComparison.Ordinal);

    private static DemoAsset Text(string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new DemoAsset(contentType, bytes, Compress(bytes, s => new GZipStream(s, CompressionLevel.Optimal)),
            Compress(bytes, s => new BrotliStream(s, CompressionLevel.Optimal)));
    }

    private static DemoAsset Binary(string contentType, byte[] bytes) => new(contentType, bytes, null, null);

    private static byte[] Compress(byte[] bytes, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var stream = encoder(output))
        {
            stream.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>
    /// A stand-in font: a WOFF2 header (signature, TrueType flavour, lengths) with no tables. Browsers reject it and
    /// fall back to the next font, which is all the demo needs; the proxy only has to deliver its bytes intact.
    /// </summary>
    private static byte[] FontBlob()
    {
        var blob = new byte[48];
        "wOF2"u8.CopyTo(blob);
        blob[4] = 0x00; blob[5] = 0x01; blob[6] = 0x00; blob[7] = 0x00;
        blob[11] = 48;
        return blob;
    }
}
