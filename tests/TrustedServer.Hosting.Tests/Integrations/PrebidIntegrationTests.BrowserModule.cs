using System.Net;
using System.Text.RegularExpressions;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The prebid integration's browser module: tagged after the external bundle and served while enabled.</summary>
public sealed partial class PrebidIntegrationTests
{
    [Fact]
    public async Task The_adapter_module_is_tagged_after_the_bundle_so_it_runs_after_it_and_is_served()
    {
        await using var host = await StartAsync(BundleSha);

        var page = await host.PageAsync();
        var bundle = page.IndexOf("<script defer src=\"/integrations/prebid/bundle.js?v=", StringComparison.Ordinal);
        var module = ShimTag().Match(page);

        Assert.True(bundle >= 0, page);
        Assert.True(module.Success && module.Index > bundle, page);
        using var response = await host.GetAsync(module.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var script = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"trustedServer\"", script, StringComparison.Ordinal);
        Assert.Contains("processQueue", script, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script defer src=\"(/static/tsjs=tsjs-prebid\\.min\\.js\\?v=[0-9a-f]{64})\"></script>")]
    private static partial Regex ShimTag();
}
