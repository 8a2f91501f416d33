using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.Sourcepoint;

/// <summary>
/// A property trap on <c>window._sp_</c>: whenever a script (a framework's hydration chunk included) assigns the
/// Sourcepoint config, its URL fields on the CDN (<c>baseEndpoint</c>, <c>mmsDomain</c>, <c>wrapperAPIOrigin</c>,
/// <c>cmpOrigin</c>, <c>metricUrl</c>, at any depth up to four) are pointed at the first-party route first. It
/// installs before any publisher script, as the head's first markup.
/// </summary>
public sealed class SourcepointConfigTrap : IHeadInjector
{
    /// <summary>The script element.</summary>
    public const string Snippet =
        "<script>(function(w){var P=\"" + SourcepointHosts.Prefix + "\",K=[\"baseEndpoint\",\"mmsDomain\",\"wrapperAPIOrigin\",\"cmpOrigin\",\"metricUrl\"],"
        + "R=/^(?:https?:)?\\/\\/cdn\\.privacy-mgmt\\.com(?=[\\/?#]|$)/i;"
        + "function f(v){if(typeof v!==\"string\")return v;var m=R.exec(v);return m?w.location.origin+P+v.slice(m[0].length):v}"
        + "function s(o,d){if(!o||typeof o!==\"object\"||d>4)return o;for(var i=0;i<K.length;i++){if(typeof o[K[i]]===\"string\")o[K[i]]=f(o[K[i]])}"
        + "for(var k in o){if(Object.prototype.hasOwnProperty.call(o,k)&&o[k]&&typeof o[k]===\"object\")s(o[k],d+1)}return o}"
        + "var c=s(w._sp_,0);try{Object.defineProperty(w,\"_sp_\",{configurable:true,enumerable:true,get:function(){return c},set:function(v){c=s(v,0)}})}catch(e){}"
        + "})(window);</script>";

    public string? HeadInserts(PublisherDocument document) => Snippet;
}
