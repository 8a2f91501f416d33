using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Hosting.Publisher;

/// <summary>Serves the Trusted Server browser bundle (<c>/static/tsjs=tsjs-unified.min.js?v=HASH</c>).</summary>
internal static class TsjsEndpoint
{
    /// <summary>Maps the bundle's paths (minified and unminified alias).</summary>
    public static void MapTsjs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(TsjsBundle.Path, ["GET", "HEAD"], ServeAsync);
        endpoints.MapMethods(TsjsBundle.UnminifiedPath, ["GET", "HEAD"], ServeAsync);
    }

    private static async Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ContentType = TsjsBundle.ContentType;
        headers.ETag = TsjsBundle.ETag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = context.Request.Query["v"] == TsjsBundle.Hash ? TsjsBundle.ImmutableCacheControl : TsjsBundle.ShortCacheControl;
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(TsjsBundle.ETag, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = TsjsBundle.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(TsjsBundle.Content, context.RequestAborted);
        }
    }
}
