namespace TrustedServer.Hosting.Demo;

/// <summary>
/// A page with vendors' tags as publishers paste them: Google Publisher Tag from <c>securepubads.g.doubleclick.net</c>,
/// the Google Tag Manager snippet, and Prebid.js from a public CDN with the page's ad units and a User ID module.
/// Through Trusted Server with the gpt, google_tag_manager and prebid integrations on, every one of them is served
/// first-party and Prebid.js bids through <c>/auction</c>; without them the browser would reach Google and the CDN.
/// </summary>
internal static class DemoTagsPage
{
    public const string Path = "/tags";

    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>The Demo Gazette: tags</title>
          <link rel="stylesheet" href="{origin}/static/site.css">
          <script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
          <script async src="https://cdn.jsdelivr.net/npm/prebid.js@11.36.0/dist/not-for-prod/prebid.js"></script>
          <!-- Google Tag Manager -->
          <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
          new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
          j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
          'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
          })(window,document,'script','dataLayer','GTM-DEMO01');</script>
          <!-- End Google Tag Manager -->
          <script>
            var PREBID_TIMEOUT = 2000;
            window.googletag = window.googletag || { cmd: [] };
            var pbjs = pbjs || {};
            pbjs.que = pbjs.que || [];

            googletag.cmd.push(function () {
              googletag.pubads().disableInitialLoad();
              googletag.defineSlot("/21765378893/gazette/top", [[728, 90]], "ad-top").addService(googletag.pubads());
              googletag.defineSlot("/21765378893/gazette/side", [[300, 250]], "ad-side").addService(googletag.pubads());
              googletag.pubads().enableSingleRequest();
              googletag.enableServices();
            });

            pbjs.que.push(function () {
              pbjs.setConfig({ userSync: { userIds: [{ name: "sharedId", storage: { type: "cookie", name: "_sharedid", expires: 30 } }] } });
              if (window.__tcfapi) {
                pbjs.setConfig({ consentManagement: { gdpr: { cmpApi: "iab", timeout: 1000 } } });
              }
              pbjs.addAdUnits([
                { code: "ad-top", mediaTypes: { banner: { sizes: [[728, 90]] } }, bids: [{ bidder: "kargo", params: { placementId: "demo-top" } }] },
                { code: "ad-side", mediaTypes: { banner: { sizes: [[300, 250]] } }, bids: [{ bidder: "appnexus", params: { placementId: 13144370 } }] }
              ]);
              pbjs.requestBids({
                timeout: PREBID_TIMEOUT,
                bidsBackHandler: function () {
                  googletag.cmd.push(function () {
                    pbjs.setTargetingForGPTAsync();
                    googletag.pubads().refresh();
                    window.demoBidsBack = true;
                  });
                }
              });
            });
          </script>
        </head>
        <body>
          <header class="masthead"><h1>The Demo Gazette</h1></header>
          <main>
            <p>Google Publisher Tag, Google Tag Manager and Prebid.js, as a publisher pastes them.</p>
            <div id="ad-top" class="ts-ad" style="width:728px;height:90px;margin:1rem auto"></div>
            <div id="ad-side" class="ts-ad" style="width:300px;height:250px;margin:1rem auto"></div>
          </main>
          <!-- Google Tag Manager (noscript) -->
          <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-DEMO01" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
        </body>
        </html>
        """;
}
