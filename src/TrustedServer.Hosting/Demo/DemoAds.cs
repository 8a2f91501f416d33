namespace TrustedServer.Hosting.Demo;

/// <summary>
/// The demo's two ad slots and a stand-in for Google Publisher Tag. The real <c>gpt.js</c> cannot be fetched here, so
/// the demo origin serves <c>/tag/js/gpt.js</c>: the part of the <c>googletag</c> API the tsjs GPT module uses
/// (command queue, <c>defineSlot</c>, <c>addService</c>, <c>setTargeting</c>, <c>pubads().refresh</c>,
/// <c>enableServices</c>, <c>display</c>), recording every slot, its targeting and each refresh on
/// <c>window.__standInGpt</c>. It renders nothing: the creatives are put in place by tsjs itself.
/// </summary>
internal static class DemoAds
{
    public const string GptPath = "/tag/js/gpt.js";

    /// <summary>
    /// A stand-in CMP: it answers <c>__tcfapi</c> with a TCF v2 string made now, consenting to purposes 1 and 4 (the
    /// cookie <c>demo_consent=no</c> makes it refuse purpose 1). tsjs reads it, passes it to <c>/auction</c> and keeps
    /// it in the <c>euconsent-v2</c> cookie, which is what lets the server auction the next page while fetching it.
    /// </summary>
    public const string Cmp = """
          <script>
            // A stand-in CMP: it answers __tcfapi with a TCF v2 string made now, consenting to purposes 1 and 4
            // (the cookie demo_consent=no makes it refuse purpose 1). tsjs reads it and passes it to /auction.
            (function (w, d) {
              if (w.__tcfapi) { return; }
              var refused = /(?:^|; )demo_consent=no(?:;|$)/.test(d.cookie), bits = "", tc = "", i;
              function int(v, n) { for (var b = n - 1; b >= 0; b--) { bits += Math.floor(v / Math.pow(2, b)) % 2 ? "1" : "0"; } }
              var now = Math.floor(Date.now() / 100);
              int(2, 6); int(now, 36); int(now, 36); int(10, 12); int(1, 12); int(0, 6); int(4, 6); int(13, 6);
              int(100, 12); int(4, 6); int(1, 1); int(0, 1); int(0, 12);
              var consents = {};
              for (i = 1; i <= 24; i++) { consents[i] = (i === 1 && !refused) || i === 4; int(consents[i] ? 1 : 0, 1); }
              int(0, 24); int(0, 1); int(3, 6); int(4, 6); int(0, 16); int(0, 1); int(0, 16); int(0, 1); int(0, 12);
              while (bits.length % 6) { bits += "0"; }
              var abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
              for (i = 0; i < bits.length; i += 6) { tc += abc.charAt(parseInt(bits.substr(i, 6), 2)); }
              w.__tcfapi = function (command, version, callback) {
                if (command === "getTCData" || command === "addEventListener") {
                  callback({ tcString: tc, gdprApplies: true, eventStatus: "tcloaded", cmpStatus: "loaded", purpose: { consents: consents } }, true);
                } else if (command === "ping") {
                  callback({ gdprApplies: true, cmpLoaded: true, cmpStatus: "loaded" }, true);
                }
              };
            })(window, document);
          </script>
        """;

    /// <summary>The CMP and the slots in the page's head, then one auction through tsjs once its bundle has loaded.</summary>
    /// <remarks>
    /// A server-side ad stack (when configured) writes <c>tsjs.adSlots</c> and the bids into the page itself; the page
    /// then leaves the auction to it.
    /// </remarks>
    public const string HeadScript = """
        {cmp}
          <script>
            (function (w) {
              var t = w.tsjs = w.tsjs || {};
              t.que = t.que || [];
              if (t.adSlots) { return; }
              t.adSlots = [
                { "id": "top", "gam_unit_path": "/21765378893/gazette/top", "div_id": "ad-top", "formats": [[728, 90]], "targeting": { "pos": "atf" } },
                { "id": "side", "gam_unit_path": "/21765378893/gazette/side", "div_id": "ad-side", "formats": [[300, 250]], "targeting": { "pos": "side" } }
              ];
              t.que.push(function () { t.requestAds(); });
            })(window);
          </script>
          <script async src="{origin}/tag/js/gpt.js"></script>
        """;

    public const string TopSlot = """<div id="ad-top" class="ts-ad" style="width:728px;height:90px;margin:1rem auto"></div>""";

    public const string SideSlot = """<aside><div id="ad-side" class="ts-ad" style="width:300px;height:250px;margin:1.5rem 0"></div></aside>""";

    public const string StandInGpt = """
        (function (w) {
          "use strict";
          var g = w.googletag = w.googletag || {};
          var record = w.__standInGpt = { slots: [], refreshes: [], displayed: [], servicesEnabled: false, pageTargeting: {} };
          function Slot(path, sizes, div) {
            this.path = path;
            this.sizes = sizes;
            this.div = div;
            this.targeting = {};
            record.slots.push({ path: path, sizes: sizes, div: div, targeting: this.targeting });
          }
          Slot.prototype.addService = function () { return this; };
          Slot.prototype.setTargeting = function (k, v) { this.targeting[k] = Array.isArray(v) ? v.map(String) : [String(v)]; return this; };
          Slot.prototype.clearTargeting = function (k) { if (k) { delete this.targeting[k]; } else { for (var key in this.targeting) { delete this.targeting[key]; } } return this; };
          Slot.prototype.getTargeting = function (k) { return this.targeting[k] || []; };
          Slot.prototype.getSlotElementId = function () { return this.div; };
          Slot.prototype.getAdUnitPath = function () { return this.path; };
          var pubads = {
            refresh: function (slots) { record.refreshes.push((slots || []).map(function (s) { return s.div; })); },
            setTargeting: function (k, v) { record.pageTargeting[k] = v; return pubads; },
            enableSingleRequest: function () { return pubads; },
            disableInitialLoad: function () { return pubads; }
          };
          g.defineSlot = function (path, sizes, div) { return new Slot(path, sizes, div); };
          g.pubads = function () { return pubads; };
          g.enableServices = function () { record.servicesEnabled = true; };
          g.display = function (div) { record.displayed.push(div); };
          g.destroySlots = function () { return true; };
          g.apiReady = true;
          var queued = Array.isArray(g.cmd) ? g.cmd : [];
          g.cmd = { push: function () { for (var i = 0; i < arguments.length; i++) { try { arguments[i](); } catch (e) { } } return 0; } };
          for (var i = 0; i < queued.length; i++) { try { queued[i](); } catch (e) { } }
        })(window);

        """;
}
