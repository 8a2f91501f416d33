namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>What the creative rewriter does with one attribute of one element.</summary>
public enum CreativeUrlKind
{
    /// <summary>Left alone.</summary>
    None,

    /// <summary>A single URL that becomes a signed <c>/first-party/proxy</c> URL.</summary>
    Proxy,

    /// <summary>A single URL that becomes a signed <c>/first-party/click</c> URL, also copied to <c>data-tsclick</c>.</summary>
    Click,

    /// <summary>A <c>srcset</c>/<c>imagesrcset</c> candidate list; each URL is proxied, descriptors kept.</summary>
    Srcset,

    /// <summary>Inline CSS; every <c>url(...)</c> is proxied.</summary>
    Style,
}
