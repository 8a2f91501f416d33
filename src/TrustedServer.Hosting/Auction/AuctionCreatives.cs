using TrustedServer.Core.Auction.Creatives;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Hosting.FirstParty;

namespace TrustedServer.Hosting.Auction;

/// <summary>
/// The processing of winning markup (<c>[auction] sanitize_creatives</c> then <c>rewrite_creatives</c>): sanitised on
/// the HTML engine, then its asset and click URLs turned into signed first-party URLs by the creative handler set.
/// Rewriting needs <c>[publisher] proxy_secret</c>; without one the markup is delivered unrewritten.
/// </summary>
internal sealed class AuctionCreatives(TrustedServerOptions options, FirstPartySigning signing)
{
    private readonly bool _sanitize = options.Auction.SanitizeCreatives;
    private readonly bool _rewrite = options.Auction.RewriteCreatives && signing.Signer is not null;

    /// <summary>The processor, or null when markup passes as is.</summary>
    public Func<string, string?>? Processor => _sanitize || _rewrite ? Process : null;

    private string? Process(string adm)
    {
        var result = adm;
        if (_sanitize)
        {
            result = CreativeSanitizer.Sanitize(result);
            if (result is null)
            {
                return null;
            }
        }

        if (_rewrite)
        {
            result = CreativeHtmlHandlers.RewriteCreativeHtml(result, new CreativeUrlRewriter(signing.Signer!, signing.ExcludedDomains));
        }

        return result;
    }
}
