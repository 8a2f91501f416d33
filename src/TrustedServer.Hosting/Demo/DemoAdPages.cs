namespace TrustedServer.Hosting.Demo;

/// <summary>
/// Two demo pages that show the ad paths the home page does not, and the stand-in APS runner:
/// <list type="bullet">
/// <item><c>/ads/aps</c>: one 300x250 unit (<c>aps-box</c>) for which the APS stand-in outbids Prebid, so its winner
/// renders through <c>/integrations/aps/renderer</c> in an opaque frame, drawn by the stand-in runner.</item>
/// <item><c>/ads/spa</c>: a single-page app. Its "next story" button swaps the content and the two slot elements for
/// fresh ones and calls <c>history.pushState</c>; tsjs then asks <c>/_ts/page-bids</c> for the new path and fills
/// them.</item>
/// </list>
/// </summary>
internal static class DemoAdPages
{
    public const string ApsPath = "/ads/aps";

    public const string SpaPath = "/ads/spa";

    public const string SpaNextPath = "/ads/spa/next";

    /// <summary>Where the demo origin serves the stand-in for APS's <c>prebid-creative.js</c>.</summary>
    public const string RunnerPath = "/demo-aps/prebid-creative.js";

    /// <summary>Ad unit codes with this prefix get the APS stand-in's higher bid.</summary>
    public const string ApsUnitPrefix = "aps";

    public const string ApsPage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Amazon Publisher Services | The Example Gazette</title>
          <link rel="stylesheet" href="{origin}/static/site.css">
        {cmp}
          <script>
            (function (w) {
              var t = w.tsjs = w.tsjs || {};
              t.que = t.que || [];
              t.que.push(function () {
                t.addAdUnits({ code: "aps-box", mediaTypes: { banner: { sizes: [[300, 250]] } } });
                t.requestAds();
              });
            })(window);
          </script>
        </head>
        <body>
          <header><a href="{origin}/"><img src="{origin}/images/logo.png" alt="The Example Gazette" width="160" height="48"></a></header>
          <main>
            <h1>An APS winner</h1>
            <p>Amazon Publisher Services answers with a typed renderer instead of markup. tsjs frames
            <code>/integrations/aps/renderer</code> in an opaque-origin sandbox, posts it the winner with a one-time
            nonce, and the renderer loads APS's runner (here a stand-in from the demo origin) to draw the creative.</p>
            <div id="aps-box" class="ts-ad" style="width:300px;height:250px;margin:1.5rem 0"><span>House ad</span></div>
          </main>
        </body>
        </html>

        """;

    public const string SpaPage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Single-page app | The Example Gazette</title>
          <link rel="stylesheet" href="{origin}/static/site.css">
        {ads-head}
        </head>
        <body>
          <header><a href="{origin}/"><img src="{origin}/images/logo.png" alt="The Example Gazette" width="160" height="48"></a></header>
          <div id="ad-top" class="ts-ad" style="width:728px;height:90px;margin:1rem auto"></div>
          <main id="story">
            <h1>The first story</h1>
            <p>This page is a single-page app: the button below changes the story without loading a page.</p>
            <button id="next-story" type="button">Next story</button>
          </main>
          <aside><div id="ad-side" class="ts-ad" style="width:300px;height:250px;margin:1.5rem 0"></div></aside>
          <script>
            document.getElementById("next-story").addEventListener("click", function () {
              // The new "page": its own content and empty slot elements, then the history entry tsjs listens for.
              function fresh(id) {
                var old = document.getElementById(id), slot = document.createElement("div");
                slot.id = id;
                slot.className = "ts-ad fresh";
                slot.style.cssText = old.style.cssText;
                old.replaceWith(slot);
              }
              document.getElementById("story").innerHTML = "<h1>The second story</h1><p>Loaded without a page load.</p>";
              fresh("ad-top");
              fresh("ad-side");
              history.pushState({}, "", "/ads/spa/next");
            });
          </script>
        </body>
        </html>

        """;

    /// <summary>
    /// The stand-in for APS's runner: it takes the render requests the renderer document queued on
    /// <c>window._aps</c> and draws each creative from its envelope (size and bid id); the real runner would load the
    /// envelope's creative URL, which no browser can reach here.
    /// </summary>
    public const string StandInRunner = """
        (function (w, d) {
          "use strict";
          var accounts = w._aps;
          if (!(accounts instanceof Map)) { return; }
          accounts.forEach(function (account) {
            var queue = account.queue || [];
            while (queue.length > 0) {
              var event = queue.shift();
              if (!event || event.type !== "prebid/creative/render" || !event.detail) { continue; }
              var bid;
              try { bid = JSON.parse(atob(event.detail.aaxResponse)).seatbid[0].bid[0]; } catch (e) { continue; }
              var box = d.createElement("div");
              box.setAttribute("data-aps-bid", String(event.detail.seatBidId));
              box.style.width = bid.w + "px";
              box.style.height = bid.h + "px";
              box.style.background = "#232f3e";
              box.style.color = "#ff9900";
              box.style.font = "16px sans-serif";
              box.style.display = "flex";
              box.style.alignItems = "center";
              box.style.justifyContent = "center";
              box.textContent = "APS demo ad " + bid.w + "x" + bid.h;
              d.body.appendChild(box);
            }
          });
        })(window, document);

        """;
}
