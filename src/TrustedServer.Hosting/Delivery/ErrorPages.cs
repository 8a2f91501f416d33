using System.Text;

namespace TrustedServer.Hosting.Delivery;

/// <summary>The small HTML pages sent when the origin cannot be reached or fails before the response is committed.</summary>
internal static class ErrorPages
{
    public static async Task WriteAsync(HttpContext context, int status)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        var title = status == StatusCodes.Status504GatewayTimeout ? "504 Gateway Timeout" : "502 Bad Gateway";
        var message = status == StatusCodes.Status504GatewayTimeout
            ? "The site took too long to answer. Please try again in a moment."
            : "The site could not be reached. Please try again in a moment.";
        var body = Encoding.UTF8.GetBytes(
            $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{message}</p></body></html>\n");
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
