namespace TrustedServer.Browser.Tests.Infrastructure;

/// <summary>
/// The real Prebid.js external bundle, built from npm by <c>tsjs/prebid-bundle</c> (<c>./run-tests</c> builds it when
/// it is missing or stale; it is a cached artefact, not committed).
/// </summary>
internal static class PrebidBundleFile
{
    public static string Path { get; } = System.IO.Path.Combine(RepoPaths.Root, "tsjs", "prebid-bundle", "dist", "trusted-prebid.js");

    public static byte[] Read()
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"the Prebid.js bundle {Path} is not built: run ./run-tests, or cd tsjs/prebid-bundle && npm ci && npm run build");
        }

        return File.ReadAllBytes(Path);
    }
}
