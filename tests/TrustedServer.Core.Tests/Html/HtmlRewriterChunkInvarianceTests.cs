using System.Text;

namespace TrustedServer.Core.Tests.Html;

public sealed class HtmlRewriterChunkInvarianceTests
{
    [Fact]
    public void The_rewriting_set_changes_the_fixture_where_expected()
    {
        var output = Encoding.UTF8.GetString(HtmlRewriterHarness.Run(HtmlRewriterHarness.RewritingSet(), HtmlRewriterHarness.Fixture));
        Assert.StartsWith("<!DOCTYPE html><html class=\"site--test-publisher disable-scroll-animations\" lang=\"en\"><head><script src=\"/ts.js\"></script><meta charSet=\"utf-8\"/>", output);
        Assert.Contains("href=\"https://proxy.example/", output);
        Assert.Contains("src=\"https://proxy.example/", output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "/ts.js"));

        // Origin URLs remain only outside the rewritten places (e.g. imageSrcSet, meta content, JSON in attributes).
        var input = Encoding.UTF8.GetString(HtmlRewriterHarness.Fixture);
        Assert.True(Count(output, "https://www.test-publisher.com") < Count(input, "https://www.test-publisher.com") / 2);
    }

    [Fact]
    public void Two_hundred_random_chunkings_of_the_fixture_give_the_one_chunk_output()
    {
        var settings = HtmlRewriterHarness.RewritingSet();
        var fixture = HtmlRewriterHarness.Fixture;
        var expected = HtmlRewriterHarness.Run(settings, fixture);
        var random = new Random(2024);
        for (var run = 0; run < 200; run++)
        {
            // Log-uniform maximum chunk size, from 1 byte to 64 KiB, so tiny and large chunks both get exercised.
            var max = 1 << random.Next(0, 17);
            var actual = HtmlRewriterHarness.RunChunked(settings, fixture, () => random.Next(1, max + 1));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"chunking {run} (max {max}) differs");
        }
    }

    private static int Count(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
