using TrustedServer.Core.SignedUrls;
using TrustedServer.Core.UrlParsing;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// Applies <see cref="CreativeUrlRules"/> with a signer: turns one attribute value, srcset, or CSS text of a creative
/// into its first-party form. Values are raw (entity-decoded) attribute values; the HTML engine must escape what it
/// writes back (<c>&amp;</c> in a signed URL becomes <c>&amp;amp;</c> inside an attribute).
/// </summary>
public sealed class CreativeUrlRewriter
{
    private readonly FirstPartyUrlSigner _signer;
    private readonly DomainPatternList _excluded;
    private readonly string _baseOrigin;
    private readonly Func<string, string?> _proxyMap;

    /// <summary>
    /// <paramref name="excludedDomains"/> is <c>[rewrite] exclude_domains</c>. <paramref name="baseOrigin"/> is empty
    /// for root-relative URLs (creatives served from the publisher origin) or <c>https://host[:port]</c> for the inline
    /// variant rendered in a foreign-origin frame.
    /// </summary>
    public CreativeUrlRewriter(FirstPartyUrlSigner signer, DomainPatternList excludedDomains, string baseOrigin = "")
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(excludedDomains);
        ArgumentNullException.ThrowIfNull(baseOrigin);
        _signer = signer;
        _excluded = excludedDomains;
        _baseOrigin = baseOrigin;
        _proxyMap = ProxyUrlFor;
    }

    /// <summary>The signed proxy URL for a value, or null when the value is left alone.</summary>
    public string? ProxyUrlFor(string value)
    {
        var absolute = CreativeUrlRules.ToAbsolute(value, _excluded);
        return absolute is null ? null : _signer.BuildProxyUrl(absolute, _baseOrigin);
    }

    /// <summary>The signed click URL for a value, or null when the value is left alone.</summary>
    public string? ClickUrlFor(string value)
    {
        var absolute = CreativeUrlRules.ToAbsolute(value, _excluded);
        return absolute is null ? null : _signer.BuildClickUrl(absolute, _baseOrigin);
    }

    /// <summary>
    /// The new value for <paramref name="attribute"/> of <paramref name="element"/>, or null when it stays as is.
    /// For <see cref="CreativeUrlKind.Click"/> the caller also sets <see cref="CreativeUrlRules.ClickCopyAttribute"/>
    /// to the returned value.
    /// </summary>
    public string? RewriteAttribute(string element, string attribute, string value, Func<string, string?>? otherAttribute = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? result = CreativeUrlRules.Classify(element, attribute, otherAttribute) switch
        {
            CreativeUrlKind.Proxy => ProxyUrlFor(value),
            CreativeUrlKind.Click => ClickUrlFor(value),
            CreativeUrlKind.Srcset => RewriteSrcset(value),
            CreativeUrlKind.Style => RewriteCss(value),
            _ => null,
        };
        return result == value ? null : result;
    }

    /// <summary>Rewrites a srcset/imagesrcset value (unchanged if no candidate is eligible).</summary>
    public string RewriteSrcset(string value) => SrcsetRewriter.Rewrite(value, _proxyMap);

    /// <summary>Rewrites every <c>url(...)</c> in a whole CSS string (style attribute or complete stylesheet).</summary>
    public string RewriteCss(string css) => CssUrlRewriter.Rewrite(css, _proxyMap);

    /// <summary>A streaming CSS rewriter for chunked <c>&lt;style&gt;</c> text or a proxied <c>text/css</c> body.</summary>
    public CssUrlRewriter CreateCssRewriter() => new(_proxyMap);
}
