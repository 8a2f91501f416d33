using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Tests.Integrations;

/// <summary>The prebid integration's browser side against a loopback stand-in for the bundle's CDN.</summary>
public sealed partial class PrebidIntegrationTests
{
    private static readonly byte[] Bundle = System.Text.Encoding.UTF8.GetBytes("/* prebid.js 9.20.0 + trustedServer adapter */(function(){window.pbjs=window.pbjs||{que:[]};})();");
    private static readonly string BundleSha = Convert.ToHexStringLower(SHA256.HashData(Bundle));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_publishers_prebid_tags_are_replaced_by_the_config_and_the_first_party_bundle()
    {
        await using var host = await StartAsync(BundleSha);

        var page = await host.PageAsync();

        Assert.DoesNotContain("prebid.js@9.20.0", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PREBID.min.js", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/app.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("pbjs.requestBids({ bidsBackHandler: function() {}, timeout: PREBID_TIMEOUT });", page, StringComparison.Ordinal);

        var config = JsonDocument.Parse(Config().Match(page).Groups[1].Value).RootElement;
        Assert.Equal("pub-42", config.GetProperty("accountId").GetString());
        Assert.Equal(1200, config.GetProperty("timeout").GetInt32());
        Assert.Equal(["appnexus", "kargo"], config.GetProperty("bidders").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["rubicon"], config.GetProperty("clientSideBidders").EnumerateArray().Select(e => e.GetString()));

        var integrity = "sha256-" + Convert.ToBase64String(SHA256.HashData(Bundle));
        Assert.Contains($"<script defer src=\"/integrations/prebid/bundle.js?v={BundleSha}\" integrity=\"{integrity}\" data-tsjs-integration=\"prebid\"></script>", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("window.__tsjs_prebid", StringComparison.Ordinal) < page.IndexOf("<title>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bundle_is_served_first_party_when_its_hash_matches()
    {
        await using var host = await StartAsync(BundleSha);

        using var first = await host.GetAsync($"/integrations/prebid/bundle.js?v={BundleSha}");
        using var second = await host.GetAsync("/integrations/prebid/bundle.js");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Bundle, await first.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());
        Assert.Equal($"\"sha256-{BundleSha}\"", first.Headers.ETag?.ToString());
        Assert.Equal(Bundle, await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("public, max-age=300", second.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_bundle_whose_hash_differs_is_refused()
    {
        await using var host = await StartAsync(new string('0', 64));

        using var response = await host.GetAsync("/integrations/prebid/bundle.js");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("prebid.js 9.20.0", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_cannot_break_out_of_its_script()
    {
        await using var host = await StartAsync(BundleSha, account: "</script><img src=x onerror=alert(1)>\u2028");

        var page = await host.PageAsync();

        Assert.DoesNotContain("</script><img", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2028", page, StringComparison.Ordinal);
        Assert.Equal("</script><img src=x onerror=alert(1)>\u2028", JsonDocument.Parse(Config().Match(page).Groups[1].Value).RootElement.GetProperty("accountId").GetString());
    }

    private static Task<IntegrationHost> StartAsync(string sha, string account = "pub-42") =>
        IntegrationHost.StartAsync(
            IntegrationHost.Html(VendorPages.Prebid),
            async context =>
            {
                context.Response.ContentType = "application/javascript";
                await context.Response.Body.WriteAsync(Bundle);
            },
            (options, vendor) => options with
            {
                Auction = options.Auction with
                {
                    Prebid = new PrebidOptions
                    {
                        Enabled = true,
                        ServerUrl = new Uri("http://127.0.0.1:9/openrtb2/auction"),
                        Timeout = TimeSpan.FromMilliseconds(1200),
                        Bidders = ["appnexus", "kargo"],
                        ClientSideBidders = ["rubicon"],
                        Client = new PrebidClientOptions
                        {
                            AccountId = account,
                            ExternalBundleUrl = new Uri(vendor, "/prebid/trusted-prebid.js"),
                            ExternalBundleSha256 = sha,
                        },
                    },
                },
            });

    [GeneratedRegex("<script>window.__tsjs_prebid=(.*?);</script>")]
    private static partial Regex Config();
}
