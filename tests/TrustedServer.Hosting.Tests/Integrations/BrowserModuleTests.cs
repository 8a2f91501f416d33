using System.Text;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Integrations;
using TrustedServer.Hosting.Tsjs;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The browser-module contribution point: which bundles a configuration serves, and the tags it injects.</summary>
public sealed class BrowserModuleTests
{
    private static readonly TsjsBundleFile Core = File(TsjsBundle.UnifiedName, "core();");
    private static readonly TsjsBundleFile Creative = File("tsjs-creative.min.js", "creative();");
    private static readonly TsjsBundleFile Alpha = File("tsjs-alpha.min.js", "alpha();");
    private static readonly TsjsBundleFile Beta = File("tsjs-beta.min.js", "beta();");
    private static readonly TsjsBundleFile Gamma = File("tsjs-gamma.min.js", "gamma();");
    private static readonly string[] Ids = ["alpha", "beta", "gamma"];

    [Fact]
    public void WithoutModulesTheUnifiedBundleIsTheCoreAndNoIntegrationBundleIsServed()
    {
        var set = Create([]);

        Assert.Same(Core, set.Unified);
        Assert.Equal(TsjsBundle.ScriptTagFor(Core.Hash), set.ScriptTags);
        Assert.Null(set.Find("tsjs-alpha.min.js"));
        Assert.Null(set.Find("tsjs-alpha.js"));
        Assert.Same(Creative, set.Find("tsjs-creative.min.js"));
        Assert.Same(Core, set.Find("tsjs-unified.js"));
    }

    [Fact]
    public void ImmediateModulesAreAppendedToTheCoreInRegistrationOrder()
    {
        var set = Create([new("beta", BrowserModuleLoad.Immediate), new("alpha", BrowserModuleLoad.Immediate)]);

        Assert.Equal("core();\n;beta();\n;alpha();", Encoding.UTF8.GetString(set.Unified.Content.Span));
        Assert.NotEqual(Core.Hash, set.Unified.Hash);
        Assert.Equal(TsjsBundle.ScriptTagFor(set.Unified.Hash), set.ScriptTags);
        Assert.Same(set.Unified, set.Find(TsjsBundle.UnifiedName));
        Assert.Same(Alpha, set.Find("tsjs-alpha.min.js"));
        Assert.Null(set.Find("tsjs-gamma.min.js"));
    }

    [Fact]
    public void DeferredModulesGetTheirOwnTagAfterTheUnifiedOne()
    {
        var set = Create([new("gamma", BrowserModuleLoad.Deferred), new("alpha", BrowserModuleLoad.Immediate)]);

        Assert.Equal(
            TsjsBundle.ScriptTagFor(set.Unified.Hash) + $"<script defer src=\"/static/tsjs=tsjs-gamma.min.js?v={Gamma.Hash}\"></script>",
            set.ScriptTags);
        Assert.Equal("core();\n;alpha();", Encoding.UTF8.GetString(set.Unified.Content.Span));
        Assert.Same(Gamma, set.Find("tsjs-gamma.min.js"));
    }

    [Fact]
    public void AModuleWithoutABuiltBundleIsAStartupError()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create([new("delta", BrowserModuleLoad.Immediate)]));

        Assert.Contains("\"delta\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("tsjs-delta.min.js", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntegrationDeclaresItsModuleOnceAndTheRegistryListsItInOrder()
    {
        var registry = new IntegrationRegistry([
            new TestIntegration("one", b => b.AddBrowserModule(BrowserModuleLoad.Deferred)),
            new TestIntegration("two", _ => { }),
            new TestIntegration("three", b => b.AddBrowserModule()),
        ]);

        Assert.Equal([new IntegrationBrowserModule("one", BrowserModuleLoad.Deferred), new IntegrationBrowserModule("three", BrowserModuleLoad.Immediate)], registry.BrowserModules);
        var error = Assert.Throws<InvalidOperationException>(() => new IntegrationRegistry([new TestIntegration("twice", b => b.AddBrowserModule().AddBrowserModule())]));
        Assert.Contains("\"twice\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEmbeddedBundlesServeTheCoreWhenNoIntegrationHasAModule()
    {
        var set = new TsjsModuleSet(new IntegrationRegistry([]));

        Assert.Same(TsjsBundles.Unified, set.Unified);
        Assert.Equal(TsjsBundles.ScriptTag, set.ScriptTags);
    }

    private static TsjsModuleSet Create(IReadOnlyList<IntegrationBrowserModule> modules) =>
        new(modules, new[] { Core, Creative, Alpha, Beta, Gamma }.ToDictionary(f => f.Name, StringComparer.Ordinal), Ids);

    private static TsjsBundleFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));
}
