using System.Security.Cryptography;
using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.Integrations.Prebid;

/// <summary>
/// Serves <c>external_bundle_url</c> at <c>/integrations/prebid/bundle.js</c>. The bundle is fetched whole (at most
/// <see cref="MaxBytes"/>), checked against <c>external_bundle_sha256</c> when set (a mismatch is a 502 and is never
/// served or kept), and kept in memory: for good when pinned by its hash, otherwise for five minutes.
/// </summary>
internal sealed class PrebidBundle(PrebidClientOptions options)
{
    public const string Path = Core.Rewriting.Integrations.Prebid.PrebidHeadConfig.BundlePath;
    public const int MaxBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan UnpinnedLifetime = TimeSpan.FromMinutes(5);

    // Two first requests may both fetch; the second result simply replaces the first.
    private volatile Cached? _cached;

    public async Task ServeAsync(HttpContext context)
    {
        var bundle = await GetAsync(context);
        if (bundle is null)
        {
            return;
        }

        var response = context.Response;
        response.ContentType = "application/javascript; charset=utf-8";
        response.Headers.ETag = bundle.ETag;
        response.Headers.CacheControl = options.ExternalBundleSha256 is { } sha && context.Request.Query["v"] == sha
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300";
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(bundle.ETag, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = bundle.Bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bundle.Bytes, context.RequestAborted);
        }
    }

    private async Task<Cached?> GetAsync(HttpContext context)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        if (_cached is { } hit && (options.ExternalBundleSha256 is not null || time.GetUtcNow() < hit.Expires))
        {
            return hit;
        }

        var proxy = context.RequestServices.GetRequiredService<IntegrationProxy>();
        var fetched = await proxy.FetchAsync(context, PrebidIntegration.IntegrationId, options.ExternalBundleUrl!, MaxBytes);
        if (fetched is null)
        {
            return null;
        }

        var hex = Convert.ToHexStringLower(SHA256.HashData(fetched));
        if (options.ExternalBundleSha256 is { } expected && !string.Equals(hex, expected, StringComparison.Ordinal))
        {
            IntegrationLog.Problem(context.RequestServices.GetRequiredService<ILogger<PrebidBundle>>(), PrebidIntegration.IntegrationId, "the external bundle's SHA-256 does not match external_bundle_sha256; not served");
            await FirstParty.PlainText.WriteAsync(context, StatusCodes.Status502BadGateway, "bundle integrity check failed");
            return null;
        }

        return _cached = new Cached(fetched, $"\"sha256-{hex}\"", time.GetUtcNow() + UnpinnedLifetime);
    }

    private sealed record Cached(byte[] Bytes, string ETag, DateTimeOffset Expires);
}
