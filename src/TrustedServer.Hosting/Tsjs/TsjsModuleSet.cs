using System.Collections.Frozen;
using System.Text;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Integrations;

namespace TrustedServer.Hosting.Tsjs;

/// <summary>
/// The bundles one configuration serves: the unified bundle (the core, then each enabled integration's immediate
/// module in registration order, joined at startup so no rebuild is needed when the set changes), each enabled
/// integration's module by name, and the core's own deferred bundles. A module of an integration that is not
/// enabled is not served.
/// </summary>
internal sealed class TsjsModuleSet
{
    private readonly FrozenDictionary<string, TsjsBundleFile> _served;

    /// <summary>The set for the integrations in <paramref name="registry"/>, from the embedded bundles.</summary>
    public TsjsModuleSet(IntegrationRegistry registry)
        : this(registry.BrowserModules, TsjsBundles.All, IntegrationCatalog.Names.Concat(registry.Ids))
    {
    }

    /// <summary>The set for <paramref name="modules"/> from <paramref name="files"/>; a file named after any of
    /// <paramref name="integrationIds"/> is an integration's module and is served only when declared.</summary>
    /// <exception cref="InvalidOperationException">A declared module has no built bundle.</exception>
    public TsjsModuleSet(IReadOnlyList<IntegrationBrowserModule> modules, IReadOnlyDictionary<string, TsjsBundleFile> files, IEnumerable<string> integrationIds)
    {
        var integrationBundles = integrationIds.Select(id => new IntegrationBrowserModule(id, BrowserModuleLoad.Deferred).BundleName).ToHashSet(StringComparer.Ordinal);
        var served = files.Where(f => !integrationBundles.Contains(f.Key)).ToDictionary(StringComparer.Ordinal);
        var core = files[TsjsBundle.UnifiedName];
        var unified = new List<byte>(core.Content.ToArray());
        var deferredTags = new StringBuilder();
        foreach (var module in modules)
        {
            if (!files.TryGetValue(module.BundleName, out var file))
            {
                throw new InvalidOperationException($"integration \"{module.Id}\" declares a browser module, but {module.BundleName} is not built (cd tsjs && npm run build)");
            }

            served[file.Name] = file;
            if (module.Load == BrowserModuleLoad.Immediate)
            {
                // A newline and a semicolon keep one bundle's last statement from running into the next one's first.
                unified.AddRange("\n;"u8);
                unified.AddRange(file.Content.Span);
            }
            else
            {
                deferredTags.Append("<script defer src=\"").Append(TsjsBundle.PathPrefix).Append(file.Name)
                    .Append("?v=").Append(file.Hash).Append("\"></script>");
            }
        }

        Unified = unified.Count == core.Content.Length ? core : new TsjsBundleFile(TsjsBundle.UnifiedName, [.. unified]);
        served[TsjsBundle.UnifiedName] = Unified;
        _served = served.ToFrozenDictionary(StringComparer.Ordinal);
        ScriptTags = TsjsBundle.ScriptTagFor(Unified.Hash) + deferredTags;
    }

    /// <summary>The unified bundle: the core and the immediate modules.</summary>
    public TsjsBundleFile Unified { get; }

    /// <summary>The tags injected into <c>&lt;head&gt;</c>: the unified bundle's, then one <c>defer</c> tag per deferred module.</summary>
    public string ScriptTags { get; }

    /// <summary>
    /// The bundle a <c>/static/tsjs=NAME</c> request names: an exact file name, or its unminified alias
    /// (<c>tsjs-unified.js</c> answers with <c>tsjs-unified.min.js</c>, the only form built).
    /// </summary>
    public TsjsBundleFile? Find(string name)
    {
        if (_served.TryGetValue(name, out var file))
        {
            return file;
        }

        return name.EndsWith(".js", StringComparison.Ordinal) && !name.EndsWith(".min.js", StringComparison.Ordinal)
            && _served.TryGetValue(name[..^3] + ".min.js", out var minified) ? minified : null;
    }
}
