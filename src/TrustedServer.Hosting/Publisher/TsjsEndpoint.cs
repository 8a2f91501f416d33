using Microsoft.Net.Http.Headers;
using TrustedServer.Core.Rewriting.Publisher;
using TrustedServer.Hosting.Tsjs;

namespace TrustedServer.Hosting.Publisher;

/// <summary>
/// Serves the Trusted Server browser bundles at <c>/static/tsjs=NAME?v=HASH</c>: the unified bundle, its unminified
/// alias, and each deferred module by name (an integration's only while it is enabled). A name that is no bundle is a local 404, never sent to the origin.
/// </summary>
internal static class TsjsEndpoint
{
    /// <summary>Maps the bundles' paths.</summary>
    public static void MapTsjs(this IEndpointRouteBuilder endpoints)
    {
        var modules = endpoints.ServiceProvider.GetRequiredService<TsjsModuleSet>();
        endpoints.MapMethods(TsjsBundle.PathPrefix + "{name}", ["GET", "HEAD"], context => ServeAsync(context, modules));
    }

    private static async Task ServeAsync(HttpContext context, TsjsModuleSet modules)
    {
        var response = context.Response;
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (modules.Find(name) is not { } bundle)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.Headers.CacheControl = "no-store";
            return;
        }

        var headers = response.Headers;
        headers.ContentType = TsjsBundle.ContentType;
        headers.ETag = bundle.ETag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = context.Request.Query["v"] == bundle.Hash ? TsjsBundle.ImmutableCacheControl : TsjsBundle.ShortCacheControl;
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(bundle.ETag, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = bundle.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bundle.Content, context.RequestAborted);
        }
    }
}
