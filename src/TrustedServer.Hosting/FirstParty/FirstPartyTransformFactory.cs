using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>Body transforms for proxied third-party content: HTML creatives through the creative handler set, CSS
/// through the <c>url()</c> rewriter, everything else unchanged.</summary>
internal sealed class FirstPartyTransformFactory(CreativeUrlRewriter rewriter) : IBodyTransformFactory
{
    public IBodyTransform? Create(ContentKind kind, VisitorRequest request) => kind switch
    {
        ContentKind.Html => CreativeHtmlHandlers.Create(rewriter),
        ContentKind.Css => new CssBodyTransform(rewriter.CreateCssRewriter()),
        _ => null,
    };
}
