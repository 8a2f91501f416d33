using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// A loopback publisher with one page per CMP tag, and a loopback stand-in for the CMP vendors' servers (Sourcepoint's
/// CDN, Didomi's SDK and API hosts). Each stand-in CMP shows an Accept button; accepting stores the TCF string
/// <see cref="TcString"/> the way the real CMP does (Sourcepoint and Didomi write <c>euconsent-v2</c> themselves,
/// Osano only reports it through its IAB APIs, which the osano module mirrors).
/// </summary>
internal sealed class CmpStandIns : IAsyncDisposable
{
    private const string Ready = "function go(f){if(document.readyState!==\"loading\")f();else document.addEventListener(\"DOMContentLoaded\",f)}";

    private const string Button =
        "var b=document.createElement(\"button\");b.id=\"cmp-accept\";b.textContent=\"Accept\";document.body.appendChild(b);";

    private readonly WebApplication _publisher;
    private readonly WebApplication _vendor;

    private CmpStandIns(WebApplication publisher, WebApplication vendor, string tcString)
    {
        _publisher = publisher;
        _vendor = vendor;
        TcString = tcString;
    }

    public Uri PublisherUrl => new(_publisher.Urls.First());

    public Uri VendorUrl => new(_vendor.Urls.First());

    public string TcString { get; }

    public static async Task<CmpStandIns> StartAsync(string tcString)
    {
        var publisher = await StartAsync(context => PublisherAsync(context, tcString));
        var vendor = await StartAsync(context => VendorAsync(context, tcString));
        return new CmpStandIns(publisher, vendor, tcString);
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    private static async Task<WebApplication> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    private static Task PublisherAsync(HttpContext context, string tc)
    {
        var head = context.Request.Path.Value switch
        {
            "/cmp/osano" => "<script src=\"/vendor/osano.js\"></script>",

            // The config's CDN URL is built at run time, so only the window._sp_ trap can point it first-party.
            "/cmp/sourcepoint" => "<script>window._sp_queue=[];window._sp_={config:{accountId:1,baseEndpoint:'https://cdn.'+'privacy-mgmt.com'}};</script>"
                + "<script src=\"https://cdn.privacy-mgmt.com/unified/wrapperMessagingWithoutDetection.js\"></script>",
            "/cmp/didomi" => "<script>(function(){function a(e){var t=document.createElement(\"script\");t.async=true;"
                + "t.src=\"https://sdk.privacy-center.org/\"+e+\"/loader.js?target=\"+document.location.hostname;document.head.appendChild(t)}a(\"7e8a2b1c\")})();</script>",
            "/vendor/osano.js" => null,
            _ => string.Empty,
        };
        if (head is null)
        {
            context.Response.ContentType = "text/javascript";
            return context.Response.WriteAsync(OsanoStandIn(tc));
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><html><head><title>CMP</title>{head}</head><body><h1>Article</h1></body></html>");
    }

    private static async Task VendorAsync(HttpContext context, string tc)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        if (context.Request.Method == "POST")
        {
            // Consent events and wrapper API calls.
            response.ContentType = "application/json";
            await response.WriteAsync("{\"ok\":true}");
            return;
        }

        response.ContentType = "text/javascript";
        await response.WriteAsync(path switch
        {
            "/unified/wrapperMessagingWithoutDetection.js" => SourcepointStandIn(tc),
            "/unified/chunk.js" => "window.__spChunk=true;",
            "/7e8a2b1c/loader.js" => DidomiStandIn(tc),
            _ => "/* unknown */",
        });
    }

    /// <summary>Osano's IAB APIs: nothing ready until the visitor accepts, then TCF and GPP events.</summary>
    private static string OsanoStandIn(string tc) =>
        "(function(){var TC=\"" + tc + "\",tc=null,tl=[],gl=[];" + Ready + ";"
        + "window.__tcfapi=function(c,v,cb){if(c===\"addEventListener\"){tl.push(cb);cb({eventStatus:\"cmpuishown\",tcString:\"\"},true)}};"
        + "window.__gpp=function(c,cb){if(c===\"addEventListener\")gl.push(cb);if(c===\"ping\")cb({signalStatus:tc?\"ready\":\"not ready\",gppString:tc?\"DBABMA~\"+tc:\"\",applicableSections:tc?[2]:[]},true)};"
        + "window.__uspapi=function(c,v,cb){if(c===\"getUSPData\")cb({uspString:\"1---\"},true)};"
        + "go(function(){" + Button + "b.onclick=function(){tc=TC;"
        + "tl.forEach(function(f){f({eventStatus:\"useractioncomplete\",tcString:tc,gdprApplies:true},true)});"
        + "gl.forEach(function(f){f({eventName:\"signalStatus\",pingData:{signalStatus:\"ready\",gppString:\"DBABMA~\"+tc,applicableSections:[2]}},true)});"
        + "document.body.setAttribute(\"data-consent\",\"given\")}})})();";

    /// <summary>Sourcepoint's wrapper: loads a chunk at run time (the guard's case) and, on Accept, calls its wrapper API
    /// at the config's endpoint and writes its cookies.</summary>
    private static string SourcepointStandIn(string tc) =>
        "(function(){" + Ready + ";var base=window._sp_.config.baseEndpoint;"
        + "var s=document.createElement(\"script\");s.src=\"https://cdn.\"+\"privacy-mgmt.com/unified/chunk.js\";document.head.appendChild(s);"
        + "go(function(){" + Button + "b.onclick=function(){fetch(base+\"/wrapper/v2/messages?env=prod\",{method:\"POST\",body:\"{}\"}).then(function(){"
        + "document.cookie=\"euconsent-v2=" + tc + "; Path=/; Max-Age=3600\";document.cookie=\"consentUUID=u-1; Path=/\";"
        + "document.body.setAttribute(\"data-consent\",\"given\")})}})})();";

    /// <summary>Didomi's loader: on Accept, posts the consent event to its API and writes <c>euconsent-v2</c>.</summary>
    private static string DidomiStandIn(string tc) =>
        "(function(){" + Ready + ";go(function(){" + Button + "b.onclick=function(){"
        + "fetch(\"https://api.privacy-center.org/v1/events\",{method:\"POST\",body:\"{}\"}).then(function(){"
        + "document.cookie=\"euconsent-v2=" + tc + "; Path=/; Max-Age=3600\";document.body.setAttribute(\"data-consent\",\"given\")})}})})();";
}
