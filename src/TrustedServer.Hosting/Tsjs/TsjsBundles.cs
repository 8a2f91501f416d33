using System.Collections.Frozen;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Hosting.Tsjs;

/// <summary>
/// The browser bundles built from <c>tsjs/</c> (<c>npm run build</c> writes them to <c>Tsjs/Bundles/</c>), embedded in
/// this assembly so serving them needs no Node: <c>tsjs-unified.min.js</c> (core and the immediate modules) and one
/// <c>tsjs-&lt;id&gt;.min.js</c> per deferred module. <c>./run-tests</c> rebuilds them and fails when the committed
/// bytes differ.
/// </summary>
internal static class TsjsBundles
{
    private const string ResourcePrefix = "tsjs/";

    private static readonly FrozenDictionary<string, TsjsBundleFile> Files = Load();

    /// <summary>The core's unified bundle, before any integration's immediate module is appended.</summary>
    public static TsjsBundleFile Unified { get; } = Files[TsjsBundle.UnifiedName];

    /// <summary>The tag for <see cref="Unified"/> alone (no integration modules), carrying its hash.</summary>
    public static string ScriptTag { get; } = TsjsBundle.ScriptTagFor(Unified.Hash);

    /// <summary>Every bundle's file name.</summary>
    public static IEnumerable<string> Names => Files.Keys;

    /// <summary>Every built bundle by file name: the core's and each integration's module.</summary>
    public static IReadOnlyDictionary<string, TsjsBundleFile> All => Files;

    /// <summary>
    /// The bundle a <c>/static/tsjs=NAME</c> request names: an exact file name, or its unminified alias
    /// (<c>tsjs-unified.js</c> answers with <c>tsjs-unified.min.js</c>, the only form built).
    /// </summary>
    public static TsjsBundleFile? Find(string name)
    {
        if (Files.TryGetValue(name, out var file))
        {
            return file;
        }

        return name.EndsWith(".js", StringComparison.Ordinal) && !name.EndsWith(".min.js", StringComparison.Ordinal)
            && Files.TryGetValue(name[..^3] + ".min.js", out var minified) ? minified : null;
    }

    private static FrozenDictionary<string, TsjsBundleFile> Load()
    {
        var assembly = typeof(TsjsBundles).Assembly;
        var files = new Dictionary<string, TsjsBundleFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var name = resource[ResourcePrefix.Length..];
            files[name] = new TsjsBundleFile(name, bytes);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
