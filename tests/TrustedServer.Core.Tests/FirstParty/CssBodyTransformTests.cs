using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Tests.FirstParty;

public sealed class CssBodyTransformTests : IDisposable
{
    private readonly FirstPartyUrlSigner _signer = new("css-test-secret", new FakeTimeProvider());

    public void Dispose() => _signer.Dispose();

    [Fact]
    public void Every_split_point_gives_the_whole_string_result()
    {
        var rewriter = new CreativeUrlRewriter(_signer, DomainPatternList.Empty);
        const string css = ".a{background:url(\"https://cdn.example/ä.png\")} /* ✓ */ .b{background:url(//cdn.example/b.png)} .c{background:url(data:x,y)}";
        var expected = rewriter.RewriteCss(css);
        Assert.Contains("/first-party/proxy?tsurl=", expected, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(css);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var transform = new CssBodyTransform(rewriter.CreateCssRewriter());
            var output = new ArrayBufferWriter<byte>();
            transform.Process(bytes.AsSpan(0, split), output);
            transform.Process(bytes.AsSpan(split), output);
            transform.Finish(output);
            Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
        }
    }
}
