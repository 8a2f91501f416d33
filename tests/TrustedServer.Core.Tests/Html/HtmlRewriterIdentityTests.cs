using System.Text;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterIdentityTests
{
    private static readonly HtmlRewriterSettings None = new();

    [Fact]
    public void Every_conformance_input_passes_through_unchanged_at_every_split_point()
    {
        var failures = new List<string>();
        var inputs = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "html5lib-tokenizer"), "*.test")
            .SelectMany(f => Html5libTokenizerConformanceTests.Cases(Path.GetFileName(f)))
            .Select(c => c.Input)
            .DistinctBy(Convert.ToBase64String)
            .ToList();
        var rewriting = HtmlRewriterHarness.RewritingSet();
        foreach (var input in inputs)
        {
            if (!HtmlRewriterHarness.Run(None, input).AsSpan().SequenceEqual(input))
            {
                failures.Add("identity: " + Encoding.UTF8.GetString(input));
                continue;
            }

            var expected = HtmlRewriterHarness.Run(rewriting, input);
            for (var split = 0; split <= input.Length; split++)
            {
                if (!HtmlRewriterHarness.RunSplit(None, input, split).AsSpan().SequenceEqual(input)
                    || !HtmlRewriterHarness.RunSplit(rewriting, input, split).AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"split {split}: " + Encoding.UTF8.GetString(input));
                    break;
                }
            }

            if (!HtmlRewriterHarness.RunChunked(rewriting, input, () => 1).AsSpan().SequenceEqual(expected))
            {
                failures.Add("byte by byte: " + Encoding.UTF8.GetString(input));
            }
        }

        Assert.True(inputs.Count > 1000);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    [Fact]
    public void The_nextjs_fixture_passes_through_unchanged()
    {
        var fixture = HtmlRewriterHarness.Fixture;
        Assert.Equal(fixture, HtmlRewriterHarness.Run(None, fixture));
        var random = new Random(7);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(fixture, HtmlRewriterHarness.RunChunked(None, fixture, () => random.Next(1, 4096)));
        }
    }

    [Fact]
    public void Ten_thousand_random_byte_strings_pass_through_unchanged_and_rewrite_the_same_in_any_chunking()
    {
        var random = new Random(12345);
        var rewriting = HtmlRewriterHarness.RewritingSet();
        var failures = new List<string>();
        for (var n = 0; n < 10_000; n++)
        {
            var input = RandomMarkup(random);
            if (!HtmlRewriterHarness.Run(None, input).AsSpan().SequenceEqual(input))
            {
                failures.Add("identity: " + Convert.ToHexString(input));
                continue;
            }

            var expected = HtmlRewriterHarness.Run(rewriting, input);
            var split = random.Next(0, input.Length + 1);
            if (!HtmlRewriterHarness.RunSplit(None, input, split).AsSpan().SequenceEqual(input)
                || !HtmlRewriterHarness.RunSplit(rewriting, input, split).AsSpan().SequenceEqual(expected)
                || !HtmlRewriterHarness.RunChunked(rewriting, input, () => random.Next(1, 8)).AsSpan().SequenceEqual(expected))
            {
                failures.Add($"chunking: " + Convert.ToHexString(input));
            }
        }

        Assert.True(failures.Count == 0, failures.Count + " failures, e.g.\n" + string.Join("\n", failures.Take(10)));
    }

    private static readonly string[] Pieces =
    [
        "<", "</", ">", "/>", "<!--", "-->", "--!>", "<!-", "-", "<!DOCTYPE html>", "<!doctype", "<?xml ?>", "<![CDATA[", "]]>",
        "<script>", "</script>", "</script ", "<script type=\"x\">", "<!--<script>", "</SCRIPT>", "<style>", "</style>",
        "<title>", "</title>", "<textarea>", "</textarea>", "<plaintext>", "<xmp>", "</xmp>", "<svg>", "</svg>", "<math>",
        "</math>", "<svg/>", "<a href=\"https://www.test-publisher.com/x\">", "<a href='", "<a href=", "<img src=",
        "https://www.test-publisher.com", "<head>", "</head>", "<body>", "</body>", "<link href=", " ", "\n", "=", "\"",
        "'", "`", "&", "&amp;", "&lt", "&#x41;", "&#", "a", "B", "div", "p", "<p class=x>", "<br>", "</>", "<3", "\0",
    ];

    private static byte[] RandomMarkup(Random random)
    {
        var bytes = new List<byte>();
        var count = random.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(10))
            {
                case 0:
                    bytes.Add((byte)random.Next(0x80, 0x100));
                    break;
                case 1:
                    bytes.AddRange("é"u8.ToArray());
                    break;
                case 2:
                    bytes.Add((byte)random.Next(0, 0x100));
                    break;
                default:
                    bytes.AddRange(Encoding.Latin1.GetBytes(Pieces[random.Next(Pieces.Length)]));
                    break;
            }
        }

        return [.. bytes];
    }
}
