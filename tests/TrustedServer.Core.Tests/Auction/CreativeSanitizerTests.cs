using System.Buffers;
using System.Text;
using TrustedServer.Core.Auction.Creatives;

namespace TrustedServer.Core.Tests.Auction;

public sealed class CreativeSanitizerTests
{
    private const string Creative = """
        <html><head><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/"><style>body{background:url(x)}</style>
        <script src="https://tag.example/t.js"></script><link rel="stylesheet" href="https://cdn.example/a.css"></head>
        <body onload="steal()"><div class="ad" style="width:300px" data-slot="top" aria-label="Ad">
        <a href="https://click.example/c?x=1&amp;y=2" target="_blank" onclick="x()"><img src="https://cdn.example/i.png" alt="ad" width="300" height="250" onerror="y()"></a>
        <a href="javascript:alert(1)">js</a><a href=" JaVa&#x09;Script:alert(2)">js2</a><img src="data:image/png;base64,iVBORw0KGgo=">
        <img src="data:image/svg+xml;base64,PHN2Zz4=" srcset="https://cdn.example/a.png 1x, javascript:alert(3) 2x">
        <iframe src="https://frame.example/f" srcdoc="<script>alert(4)</script>" width="300"></iframe>
        <object data="https://x.example/o.swf"><embed src="https://x.example/e.swf"></object>
        <form action="https://x.example/post"><input name="q"></form><noscript><img src="https://t.example/p"></noscript>
        <svg><script>alert(5)</script><a xlink:href="javascript:alert(6)"><rect width="1" height="1"/></a></svg>
        <p style="background:url(javascript:alert(7))">text &amp; more</p><span style="color:red">ok</span>
        </div></body></html>
        """;

    [Fact]
    public void Executable_markup_is_removed_and_the_rest_is_kept()
    {
        var output = CreativeSanitizer.Sanitize(Creative)!;

        foreach (var forbidden in new[] { "<script", "alert", "steal", "onload", "onclick", "onerror", "<base", "<meta", "<style", "<link", "<object", "<embed", "<form", "<input", "<noscript", "srcdoc", "javascript", "JaVa", "data:image/svg", "evil.example", "tag.example" })
        {
            Assert.DoesNotContain(forbidden, output, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<div class=\"ad\" style=\"width:300px\" data-slot=\"top\" aria-label=\"Ad\">", output, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://click.example/c?x=1&amp;y=2\" target=\"_blank\">", output, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.example/i.png\" alt=\"ad\" width=\"300\" height=\"250\">", output, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", output, StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"https://frame.example/f\"", output, StringComparison.Ordinal);
        Assert.Contains("<p>text &amp; more</p><span style=\"color:red\">ok</span>", output, StringComparison.Ordinal);
        Assert.Contains("<svg><a><rect width=\"1\" height=\"1\"/></a></svg>", output, StringComparison.Ordinal);
        Assert.Contains("<a>js</a><a>js2</a>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_markup_passes_byte_for_byte()
    {
        const string safe = "<div class=\"a\"><a href=\"https://x.example/?a=1&amp;b=2\"><img src=\"https://x.example/i.png\" alt=\"&quot;quoted&quot;\"></a><p>Caf\u00e9 &lt;3</p></div>";

        Assert.Equal(safe, CreativeSanitizer.Sanitize(safe));
    }

    [Fact]
    public void The_output_does_not_depend_on_how_the_input_is_split()
    {
        var input = Encoding.UTF8.GetBytes(Creative + "<p>\u00e9\u4e2d\U0001F600</p>");
        var whole = Run(input, input.Length);
        var random = new Random(42);
        for (var size = 1; size <= 17; size++)
        {
            Assert.Equal(whole, Run(input, size));
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(whole, Run(input, () => random.Next(1, 64)));
        }
    }

    [Fact]
    public void A_creative_over_one_mebibyte_is_rejected() =>
        Assert.Null(CreativeSanitizer.Sanitize(new string('a', (1024 * 1024) + 1)));

    private static string Run(byte[] input, int size) => Run(input, () => size);

    private static string Run(byte[] input, Func<int> size)
    {
        var transform = CreativeSanitizer.Create();
        var output = new ArrayBufferWriter<byte>();
        for (var pos = 0; pos < input.Length;)
        {
            var n = Math.Min(size(), input.Length - pos);
            transform.Process(input.AsSpan(pos, n), output);
            pos += n;
        }

        transform.Finish(output);
        (transform as IDisposable)?.Dispose();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
