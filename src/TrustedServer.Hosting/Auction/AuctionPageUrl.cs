namespace TrustedServer.Hosting.Auction;

/// <summary>
/// The page an auction is for: the <c>Referer</c> when it is an http(s) URL on the publisher's domain or a subdomain,
/// without its query and fragment; otherwise <c>https://domain/</c>. A visitor cannot make the auction claim another site.
/// </summary>
internal static class AuctionPageUrl
{
    public static string For(string? referer, string publisherDomain)
    {
        var domain = publisherDomain.Trim().TrimEnd('.').ToLowerInvariant();
        if (referer is { Length: > 0 and <= 8192 } && Uri.TryCreate(referer, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.UserInfo.Length == 0)
        {
            var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
            if (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                return url.GetLeftPart(UriPartial.Path);
            }
        }

        return "https://" + domain + "/";
    }
}
