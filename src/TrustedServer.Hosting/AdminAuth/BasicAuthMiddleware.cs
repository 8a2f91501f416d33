using TrustedServer.Core.Configuration;

namespace TrustedServer.Hosting.AdminAuth;

/// <summary>
/// <c>[[handlers]]</c>: before routing, on every request, the first handler whose pattern matches the path (as routing
/// sees it: decoded, dot segments removed) demands its Basic credentials; without them the answer is 401 with a
/// challenge and nothing else runs, so a protected publisher page is never fetched from the origin either.
/// </summary>
internal sealed class BasicAuthMiddleware(RequestDelegate next, BasicAuthHandler[] handlers)
{
    public const string Challenge = "Basic realm=\"Trusted Server\"";

    public static IReadOnlyList<BasicAuthHandler> Compile(TrustedServerOptions options) =>
        [.. AdminRoutes.Effective(options).Select(h => new BasicAuthHandler(h))];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
        foreach (var handler in handlers)
        {
            if (!handler.Pattern.IsMatch(path))
            {
                continue;
            }

            if (handler.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                return next(context);
            }

            var response = context.Response;
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = Challenge;
            response.Headers.CacheControl = "no-store";
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync("Unauthorized", context.RequestAborted);
        }

        return next(context);
    }
}
