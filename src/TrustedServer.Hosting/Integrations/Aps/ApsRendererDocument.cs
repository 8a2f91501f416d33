using System.Net;
using System.Security.Cryptography;
using System.Text;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tsjs;

namespace TrustedServer.Hosting.Integrations.Aps;

/// <summary>
/// The static document an APS winner renders through, built once from the configuration: the tsjs renderer script
/// inline (allowed by its hash), which takes the descriptor its parent posts with the frame's one-time nonce, queues
/// it for APS's runner and loads <c>runner_url</c>. Its own CSP allows that one script URL (and, with
/// <c>allow_script_creatives</c>, https scripts for the creative) and carries a <c>sandbox</c> without
/// <c>allow-same-origin</c>, so even a page that framed it without the sandbox attribute keeps it in an opaque origin.
/// </summary>
internal sealed class ApsRendererDocument
{
    /// <summary>The renderer script's bundle, built from <c>tsjs/src/aps/renderer-entry.ts</c>.</summary>
    public const string ScriptBundle = "aps-renderer.min.js";

    /// <summary>The frame's sandbox, the same tokens the tsjs aps module puts on its iframe.</summary>
    public const string Sandbox = "allow-forms allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-scripts allow-top-navigation-by-user-activation";

    public ApsRendererDocument(ApsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var script = TsjsBundles.Find(ScriptBundle) ?? throw new InvalidOperationException($"the tsjs bundle {ScriptBundle} is not embedded");
        var scriptText = Encoding.UTF8.GetString(script.Content.Span);
        var scriptHash = Convert.ToBase64String(SHA256.HashData(script.Content.Span));
        var runner = options.RunnerUrl.AbsoluteUri;
        Body = Encoding.UTF8.GetBytes(
            "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><title>Advertisement</title>"
            + "<style>html,body{margin:0;padding:0;overflow:hidden;background:transparent}</style>"
            + "<script data-runner=\"" + WebUtility.HtmlEncode(runner) + "\">" + scriptText + "</script></head><body></body></html>");
        ContentSecurityPolicy = "default-src 'none'; "
            + $"script-src 'sha256-{scriptHash}' {runner}{(options.AllowScriptCreatives ? " https:" : string.Empty)}; "
            + "style-src 'unsafe-inline' https:; img-src https: data:; font-src https: data:; media-src https: blob:; "
            + "frame-src https:; connect-src https:; form-action https:; base-uri 'none'; "
            + "sandbox " + Sandbox;
    }

    /// <summary>The document's bytes (UTF-8).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The <c>Content-Security-Policy</c> it is served with.</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>Answers a GET or HEAD with the document.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "public, max-age=300";
        response.ContentLength = Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(Body, context.RequestAborted);
        }
    }
}
