using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Extensibility;
using TrustedServer.Hosting.Proxy;
using TrustedServer.Hosting.Publisher;

namespace TrustedServer.Hosting.AdSlots;

/// <summary>
/// The body transforms of one response whose request started a page auction: HTML gets the slots in its head and the
/// bids at its <c>&lt;/body&gt;</c>; every other kind is rewritten as usual. Set as the request's
/// <see cref="IBodyTransformFactory"/> feature, which the publisher's delivery prefers to the registered one.
/// </summary>
internal sealed class PageAuctionTransformFactory(PublisherBodyTransformFactory publisher, PageAuction auction) : IBodyTransformFactory
{
    private PageInserts? _inserts;

    public PageAuction Auction => auction;

    /// <summary>The inserts of the page, once its HTML transform was made.</summary>
    public PageInserts? Inserts => _inserts;

    public IBodyTransform? Create(ContentKind kind, VisitorRequest request)
    {
        if (kind != ContentKind.Html || _inserts is not null)
        {
            return publisher.Create(kind, request);
        }

        _inserts = new PageInserts(Core.Auction.Opportunities.AdSlotsJson.HeadScript(auction.Slots), ct =>
        {
            auction.WrittenAt = _inserts!.WrittenAt;
            return auction.BodyEndAsync(ct);
        });
        return publisher.Create(kind, request, _inserts);
    }
}
