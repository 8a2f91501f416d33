using System.Text;

namespace TrustedServer.Hosting.Tests.Infrastructure;

/// <summary>A loopback origin with one HTML page (<c>/page.html</c>), one image (<c>/img.png</c>) and a 404 page for everything else.</summary>
internal static class SmallSite
{
    public static readonly byte[] Page = Encoding.UTF8.GetBytes("<!doctype html><html><head><title>t</title></head><body><a href=\"/x\">x</a></body></html>");
    public static readonly byte[] Image = Bodies.Make(3000, 7);
    public static readonly byte[] NotFound = Encoding.UTF8.GetBytes("<html><body>missing</body></html>");

    internal static Task<OriginServer> StartAsync() => OriginServer.StartAsync(async context =>
    {
        var (status, type, body) = context.Request.Path.Value switch
        {
            "/page.html" => (200, "text/html; charset=utf-8", Page),
            "/img.png" => (200, "image/png", Image),
            _ => (404, "text/html; charset=utf-8", NotFound),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        if (type == "image/png")
        {
            context.Response.ContentLength = body.Length;
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });
}
