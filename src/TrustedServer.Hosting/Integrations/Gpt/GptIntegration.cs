using TrustedServer.Core.Configuration;
using TrustedServer.Core.Rewriting.Integrations.Gpt;

namespace TrustedServer.Hosting.Integrations.Gpt;

/// <summary>
/// Google Publisher Tag, first-party: the page's <c>gpt.js</c> tag points at <c>/integrations/gpt/script</c>, GPT's
/// cascade (<c>pagead/*</c>, <c>tag/*</c>) is proxied byte for byte from <c>script_url</c>'s origin, and a head
/// bootstrap tells the browser module (<c>tsjs-gpt</c>, the script guard) where the proxy is, so the scripts GPT
/// inserts at run time are rerouted there too.
/// </summary>
internal sealed class GptIntegration(GptOptions options) : IIntegration
{
    public const string IntegrationId = "gpt";

    public string Id => IntegrationId;

    public void Contribute(IntegrationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (options.RewriteScript)
        {
            builder.AddAttributeRewriter(new GptTagRewriter());
        }

        builder.AddHeadInjector(new GptBootstrap(options));

        // The script guard must be in place before gpt.js runs and loads its cascade, so it rides in the unified bundle.
        builder.AddBrowserModule(BrowserModuleLoad.Immediate);
        var prefix = builder.RoutePrefix;
        builder.MapGet("/script", context => Proxy(context, options.ScriptUrl.Query.Length > 0 || context.Request.QueryString.Value is null or ""
            ? options.ScriptUrl
            : new Uri(options.ScriptUrl.GetLeftPart(UriPartial.Path) + context.Request.QueryString.ToUriComponent())));
        builder.MapGet("/pagead/{**rest}", context => Proxy(context, UpstreamPath.Build(options.UpstreamOrigin, "pagead/", context.Request, prefix + "/pagead")));
        builder.MapGet("/tag/{**rest}", context => Proxy(context, UpstreamPath.Build(options.UpstreamOrigin, "tag/", context.Request, prefix + "/tag")));
    }

    private Task Proxy(HttpContext context, Uri target) =>
        context.RequestServices.GetRequiredService<IntegrationProxy>().ProxyAsync(context, new IntegrationProxyRequest(IntegrationId, target)
        {
            CacheControl = $"public, max-age={options.CacheTtlSeconds}",
            ResponseHeaders = [new("X-GPT-Proxy", "true")],
        });
}
