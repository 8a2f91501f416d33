namespace TrustedServer.Hosting.Integrations;

/// <summary>How an integration's browser module (<c>tsjs/src/integrations/&lt;id&gt;/</c>) reaches the page.</summary>
public enum BrowserModuleLoad
{
    /// <summary>Appended to the unified bundle, so it runs right after the core, before the page's own scripts.</summary>
    Immediate,

    /// <summary>Its own bundle, <c>tsjs-&lt;id&gt;.min.js</c>, loaded with <c>defer</c> after the document is parsed.</summary>
    Deferred,
}
