using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Hosting.Extensibility;

namespace TrustedServer.Hosting.Integrations;

/// <summary>What one integration contributes, collected at startup. Everything applies in registration order.</summary>
public sealed class IntegrationBuilder
{
    internal IntegrationBuilder(string id) => Id = id;

    /// <summary>The integration being built.</summary>
    public string Id { get; }

    /// <summary>The route prefix, <c>/integrations/&lt;id&gt;</c>.</summary>
    public string RoutePrefix => "/integrations/" + Id;

    internal List<IntegrationRoute> Routes { get; } = [];

    internal List<IHtmlAttributeRewriter> AttributeRewriters { get; } = [];

    internal List<IScriptTextRewriter> ScriptRewriters { get; } = [];

    internal List<IHeadInjector> HeadInjectors { get; } = [];

    internal List<IHtmlPostProcessor> PostProcessors { get; } = [];

    internal List<IRequestFilter> RequestFilters { get; } = [];

    internal BrowserModuleLoad? BrowserModule { get; private set; }

    /// <summary>Answers <paramref name="methods"/> at <c>/integrations/&lt;id&gt;</c> + <paramref name="path"/>
    /// (an ASP.NET route pattern starting with <c>/</c>, e.g. <c>/pagead/{**rest}</c>).</summary>
    /// <exception cref="ArgumentException">The path does not start with <c>/</c>.</exception>
    public IntegrationBuilder Map(IReadOnlyList<string> methods, string path, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handler);
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"integration route \"{path}\" must start with a single /", nameof(path));
        }

        Routes.Add(new IntegrationRoute(Id, methods, RoutePrefix + path, handler));
        return this;
    }

    /// <summary>Answers GET and HEAD at <paramref name="path"/> under the prefix.</summary>
    public IntegrationBuilder MapGet(string path, RequestDelegate handler) => Map(["GET", "HEAD"], path, handler);

    /// <summary>Adds an attribute rewriter.</summary>
    public IntegrationBuilder AddAttributeRewriter(IHtmlAttributeRewriter rewriter) => Add(AttributeRewriters, rewriter);

    /// <summary>Adds a script-text rewriter.</summary>
    public IntegrationBuilder AddScriptRewriter(IScriptTextRewriter rewriter) => Add(ScriptRewriters, rewriter);

    /// <summary>Adds a head injector.</summary>
    public IntegrationBuilder AddHeadInjector(IHeadInjector injector) => Add(HeadInjectors, injector);

    /// <summary>Adds a whole-document HTML post-processor (2xx HTML is then Buffered, as the delivery table says).</summary>
    public IntegrationBuilder AddPostProcessor(IHtmlPostProcessor processor) => Add(PostProcessors, processor);

    /// <summary>Adds a pre-route request filter.</summary>
    public IntegrationBuilder AddRequestFilter(IRequestFilter filter) => Add(RequestFilters, filter);

    /// <summary>
    /// Adds the integration's browser module, built from <c>tsjs/src/integrations/&lt;id&gt;/index.ts</c> into
    /// <c>tsjs-&lt;id&gt;.min.js</c>: appended to the unified bundle (<see cref="BrowserModuleLoad.Immediate"/>) or
    /// loaded with its own deferred tag (<see cref="BrowserModuleLoad.Deferred"/>). An integration has at most one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The integration already added a browser module.</exception>
    public IntegrationBuilder AddBrowserModule(BrowserModuleLoad load = BrowserModuleLoad.Immediate)
    {
        if (BrowserModule is not null)
        {
            throw new InvalidOperationException($"integration \"{Id}\" adds its browser module twice");
        }

        BrowserModule = load;
        return this;
    }

    private IntegrationBuilder Add<T>(List<T> list, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        list.Add(item);
        return this;
    }
}
