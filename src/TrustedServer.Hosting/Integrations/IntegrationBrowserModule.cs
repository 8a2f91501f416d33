namespace TrustedServer.Hosting.Integrations;

/// <summary>An integration's browser module: its bundle is <c>tsjs-&lt;<paramref name="Id"/>&gt;.min.js</c>.</summary>
internal sealed record IntegrationBrowserModule(string Id, BrowserModuleLoad Load)
{
    /// <summary>The bundle's file name, as <c>tsjs/build.mjs</c> writes it.</summary>
    public string BundleName => "tsjs-" + Id + ".min.js";
}
