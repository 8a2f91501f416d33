
namespace TrustedServer.Hosting.Integrations;

/// <summary>
/// Runs the integrations' pre-route request filters in order. A filter that answers ends the request (with the
/// response headers filters added so far); a filter that throws is logged and skipped, its staged changes dropped,
/// so an integration's bug never breaks the page.
/// </summary>
internal sealed class RequestFilterMiddleware(RequestDelegate next, IntegrationRegistry registry, ILogger<RequestFilterMiddleware> logger)
{
    private readonly IRequestFilter[] _filters = [.. registry.RequestFilters];

    public async Task InvokeAsync(HttpContext context)
    {
        if (_filters.Length == 0)
        {
            await next(context);
            return;
        }

        var added = new List<(string Name, string Value)>();
        var cookies = new List<string>();
        foreach (var filter in _filters)
        {
            var filterContext = new RequestFilterContext(context);
            RequestFilterResult result;
            try
            {
                result = await filter.FilterAsync(filterContext, context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                IntegrationLog.FilterFailed(logger, filter.GetType().Name, ex.GetType().Name);
                continue;
            }

            foreach (var (name, value) in filterContext.RequestChanges)
            {
                if (value is null)
                {
                    context.Request.Headers.Remove(name);
                }
                else
                {
                    context.Request.Headers[name] = value;
                }
            }

            added.AddRange(filterContext.ResponseHeaders);
            cookies.AddRange(filterContext.ResponseCookies);
            if (result.Status is { } status)
            {
                AddHeaders(context.Response, added, cookies);
                context.Response.StatusCode = status;
                context.Response.Headers.CacheControl = "no-store";
                if (result.BodyBytes is { } bytes)
                {
                    foreach (var (name, value) in result.Headers)
                    {
                        if (string.Equals(name, Microsoft.Net.Http.Headers.HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
                        {
                            context.Response.Headers.Append(name, value);
                        }
                        else
                        {
                            context.Response.Headers[name] = value;
                        }
                    }

                    context.Response.ContentLength = bytes.Length;
                    if (!HttpMethods.IsHead(context.Request.Method))
                    {
                        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
                    }

                    return;
                }

                context.Response.ContentType = result.ContentType;
                await context.Response.WriteAsync(result.Body ?? string.Empty, context.RequestAborted);
                return;
            }
        }

        if (added.Count > 0 || cookies.Count > 0)
        {
            context.Response.OnStarting(() =>
            {
                AddHeaders(context.Response, added, cookies);
                return Task.CompletedTask;
            });
        }

        await next(context);
    }

    private static void AddHeaders(HttpResponse response, List<(string Name, string Value)> headers, List<string> cookies)
    {
        foreach (var (name, value) in headers)
        {
            response.Headers.Append(name, value);
        }

        foreach (var cookie in cookies)
        {
            response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.SetCookie, cookie);
        }
    }
}
