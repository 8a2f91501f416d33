namespace TrustedServer.Hosting.FirstParty;

/// <summary>Short plain-text answers of the first-party endpoints; nothing about the secret or the target's query.</summary>
internal static class PlainText
{
    public static Task WriteAsync(HttpContext context, int status, string reason)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store, private";
        return response.WriteAsync(reason + "\n", context.RequestAborted);
    }
}
