namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>Publisher pages written the way these vendors' tags appear on real sites (copied from their setup guides).</summary>
internal static class VendorPages
{
    public const string Gpt = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Paris travel guide</title>
          <link rel="preload" href="https://securepubads.g.doubleclick.net/tag/js/gpt.js" as="script">
          <script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js" crossorigin="anonymous"></script>
          <script>
            window.googletag = window.googletag || {cmd: []};
            googletag.cmd.push(function() {
              googletag.defineSlot('/6355419/Travel/Europe/France/Paris', [300, 250], 'div-gpt-ad-1234567-0').addService(googletag.pubads());
              googletag.enableServices();
            });
          </script>
        </head>
        <body>
          <h1>Paris</h1>
          <div id="div-gpt-ad-1234567-0" style="min-width: 300px; min-height: 250px;">
            <script>googletag.cmd.push(function() { googletag.display('div-gpt-ad-1234567-0'); });</script>
          </div>
          <script async src="https://securepubads.g.doubleclick.net/pagead/managed/js/gpt/m202411200101/pubads_impl.js"></script>
        </body>
        </html>
        """;

    public const string Gtm = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <!-- Google Tag Manager -->
        <script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
        new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
        j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
        'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
        })(window,document,'script','dataLayer','GTM-ABC1234');</script>
        <!-- End Google Tag Manager -->
        <!-- Google tag (gtag.js) -->
        <script async src="https://www.googletagmanager.com/gtag/js?id=G-XYZ98765"></script>
        <script>
          window.dataLayer = window.dataLayer || [];
          function gtag(){dataLayer.push(arguments);}
          gtag('js', new Date());

          gtag('config', 'G-XYZ98765');
        </script>
        <title>Shop</title>
        </head>
        <body>
        <!-- Google Tag Manager (noscript) -->
        <noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-ABC1234"
        height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
        <!-- End Google Tag Manager (noscript) -->
        <p>Welcome</p>
        </body>
        </html>
        """;

    public const string Prebid = """
        <!DOCTYPE html>
        <html>
        <head>
          <title>Prebid.js banner example</title>
          <link rel="preload" href="https://cdn.jsdelivr.net/npm/prebid.js@9.20.0/dist/not-for-prod/prebid.js" as="script">
          <script async src="https://cdn.jsdelivr.net/npm/prebid.js@9.20.0/dist/not-for-prod/prebid.js"></script>
          <script async src="/js/PREBID.min.js?v=3"></script>
          <script>
            var PREBID_TIMEOUT = 1000;
            var adUnits = [{
              code: 'div-banner-native-1',
              mediaTypes: { banner: { sizes: [[300, 250], [300, 600]] } },
              bids: [{ bidder: 'appnexus', params: { placementId: 13144370 } }]
            }];
            var pbjs = pbjs || {};
            pbjs.que = pbjs.que || [];
            pbjs.que.push(function() {
              pbjs.addAdUnits(adUnits);
              pbjs.requestBids({ bidsBackHandler: function() {}, timeout: PREBID_TIMEOUT });
            });
          </script>
          <script src="/js/app.js"></script>
        </head>
        <body>
          <div id="div-banner-native-1"></div>
        </body>
        </html>
        """;
}
