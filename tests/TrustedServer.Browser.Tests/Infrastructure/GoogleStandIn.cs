using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for Google's servers and a Prebid.js CDN, reached only through Trusted Server's integration
/// routes (their configured upstreams point here). Its scripts behave as the real ones do where it matters: GPT's
/// loader inserts its implementation from <c>securepubads.g.doubleclick.net</c> at run time, GTM's container loads
/// gtag.js from <c>www.googletagmanager.com</c> and sends a GA4 hit to <c>www.google-analytics.com</c> (scheme-relative
/// here: the integration maps the host only, and the test's first-party site is plain http). Every request it gets is
/// recorded.
/// </summary>
internal sealed class GoogleStandIn : IAsyncDisposable
{
    public const string ImplPath = "/pagead/managed/js/gpt/m202601010101/pubads_impl.js";
    public const string BundlePath = "/prebid/trusted-prebid.js";

    private const string GptLoader = """
        (function (w, d) {
          var g = w.googletag = w.googletag || {};
          g.cmd = g.cmd || [];
          if (g._loaded_) { return; }
          g._loaded_ = true;
          var s = d.createElement("script");
          s.async = true;
          s.src = "https://securepubads.g.doubleclick.net/pagead/managed/js/gpt/m202601010101/pubads_impl.js?cb=31";
          (d.head || d.documentElement).appendChild(s);
        })(window, document);
        """;

    // The part of GPT that Prebid.js and the page use, recording slots, targeting and refreshes on window.__standInGpt.
    private const string GptImpl = """
        (function (w) {
          var g = w.googletag, state = w.__standInGpt = { slots: [], refreshes: 0 };
          function Slot(path, sizes, div) { this.path = path; this.div = div; this.targeting = {}; }
          Slot.prototype.addService = function () { return this; };
          Slot.prototype.setTargeting = function (k, v) { this.targeting[k] = [].concat(v).map(String); return this; };
          Slot.prototype.updateTargetingFromMap = function (map) {
            for (var k in map) { if (map[k] === null || map[k] === undefined) { delete this.targeting[k]; } else { this.setTargeting(k, map[k]); } }
            return this;
          };
          Slot.prototype.clearTargeting = function (k) { if (k) { delete this.targeting[k]; } else { this.targeting = {}; } return this; };
          Slot.prototype.getTargeting = function (k) { return this.targeting[k] || []; };
          Slot.prototype.getTargetingKeys = function () { return Object.keys(this.targeting); };
          Slot.prototype.getSlotElementId = function () { return this.div; };
          Slot.prototype.getAdUnitPath = function () { return this.path; };
          var pubads = {
            setTargeting: function () { return pubads; }, disableInitialLoad: function () {}, enableSingleRequest: function () {},
            addEventListener: function () {}, getSlots: function () { return state.slots; },
            refresh: function () { state.refreshes++; }
          };
          g.pubads = function () { return pubads; };
          g.defineSlot = function (path, sizes, div) { var s = new Slot(path, sizes, div); state.slots.push(s); return s; };
          g.enableServices = function () {};
          g.display = function () {};
          g.apiReady = true;
          g.pubadsReady = true;
          var queued = g.cmd || [];
          g.cmd = { push: function () { for (var i = 0; i < arguments.length; i++) { arguments[i](); } return 0; } };
          for (var i = 0; i < queued.length; i++) { queued[i](); }
        })(window);
        """;

    private const string GtmContainer = """
        (function (w, d) {
          w.dataLayer = w.dataLayer || [];
          w.dataLayer.push({ event: "gtm.load.standin" });
          var s = d.createElement("script");
          s.async = true;
          s.src = "//www.googletagmanager.com/gtag/js?id=G-DEMO0001";
          d.head.appendChild(s);
        })(window, document);
        """;

    private const string Gtag = """
        (function (w) {
          var hit = "//www.google-analytics.com/g/collect?v=2&tid=G-DEMO0001&en=page_view&dl=" + encodeURIComponent(w.location.href);
          w.__standInGtagSent = w.navigator.sendBeacon(hit, "");
        })(window);
        """;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private GoogleStandIn(WebApplication app, byte[] bundle)
    {
        _app = app;
        Bundle = bundle;
    }

    public Uri Url => new(_app.Urls.First());

    public byte[] Bundle { get; }

    /// <summary>Method, path and query of every request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<GoogleStandIn> StartAsync(byte[] prebidBundle)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        GoogleStandIn? self = null;
        app.Run(async context =>
        {
            self!._requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            (string? type, string? body) = context.Request.Path.Value switch
            {
                "/tag/js/gpt.js" => ("text/javascript", GptLoader),
                ImplPath => ("text/javascript", GptImpl),
                "/gtm.js" => ("application/javascript", GtmContainer),
                "/gtag/js" => ("application/javascript", Gtag),
                "/g/collect" => (null, string.Empty),
                BundlePath => ("application/javascript", null),
                _ => (null, null),
            };
            if (type is null)
            {
                context.Response.StatusCode = body is null ? StatusCodes.Status404NotFound : StatusCodes.Status204NoContent;
                return;
            }

            context.Response.ContentType = type;
            if (body is null)
            {
                await context.Response.Body.WriteAsync(self.Bundle);
            }
            else
            {
                await context.Response.WriteAsync(body);
            }
        });
        self = new GoogleStandIn(app, prebidBundle);
        await app.StartAsync();
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
