using System.Text.Json;
using TrustedServer.Core.Rewriting.Creative;
using TrustedServer.Core.SignedUrls;

namespace TrustedServer.Hosting.FirstParty;

/// <summary>
/// <c>/first-party/click</c>, <c>/first-party/sign</c> and <c>/first-party/proxy-rebuild</c> (the proxy itself is
/// <see cref="FirstPartyProxy"/>).
/// </summary>
internal sealed partial class FirstPartyEndpoints(FirstPartySigning signing, FirstPartyProxy proxy)
{
    private const int MaxSignBody = 64 * 1024;
    private static readonly TimeSpan SignedLifetime = TimeSpan.FromSeconds(30);
    private static readonly string[] Reserved = ["tsurl", "tstoken", "tsexp"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FirstPartyUrlSigner.ProxyPath, (HttpContext c, FirstPartyProxy p) => p.ProxyAsync(c));
        endpoints.MapGet(FirstPartyUrlSigner.ClickPath, (HttpContext c, FirstPartyEndpoints e) => e.ClickAsync(c));
        endpoints.MapMethods("/first-party/sign", ["GET", "POST"], (HttpContext c, FirstPartyEndpoints e) => e.SignAsync(c));
        endpoints.MapMethods("/first-party/proxy-rebuild", ["GET", "POST"], (HttpContext c, FirstPartyEndpoints e) => e.RebuildAsync(c));
    }

    public async Task ClickAsync(HttpContext context)
    {
        var target = await proxy.VerifyAsync(context, "click");
        if (target is null)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = target.OriginalString;
        context.Response.Headers.CacheControl = "no-store, private";
    }

    public async Task SignAsync(HttpContext context)
    {
        if (signing.Signer is not { } signer)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "first-party proxy not configured");
            return;
        }

        string? url;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var body = await ReadBodyAsync(context);
            if (body is null)
            {
                return;
            }

            url = TryReadString(body, "url");
        }
        else
        {
            url = context.Request.Query["url"].ToString();
        }

        url = url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "missing url");
            return;
        }

        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            url = context.Request.Scheme + ":" + url;
        }

        var normalized = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? FirstPartyUrlSigner.NormalizeTarget(url)
            : null;
        if (normalized is null)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "url must be absolute http(s)");
            return;
        }

        if (CreativeUrlRules.ToAbsolute(url, signing.ExcludedDomains) is null)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status403Forbidden, "url is excluded from proxying");
            return;
        }

        var href = signer.Build(url, FirstPartyRoute.Proxy, lifetime: SignedLifetime)!;
        await WriteJsonAsync(context, json =>
        {
            json.WriteString("href", href);
            json.WriteString("base", normalized);
        });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxSignBody)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body too large");
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxSignBody)
            {
                await PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "body too large");
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The string property, or null for anything else; <c>GetString</c> throws
    /// <see cref="InvalidOperationException"/> on invalid UTF-8 inside a well-formed string, which is bad input too.</summary>
    private static string? TryReadString(byte[] json, string property)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, private";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
