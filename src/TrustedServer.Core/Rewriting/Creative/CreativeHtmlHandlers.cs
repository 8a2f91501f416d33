using System.Buffers;
using System.Text;
using TrustedServer.Core.Rewriting.Html;

namespace TrustedServer.Core.Rewriting.Creative;

/// <summary>
/// The creative handler set on the streaming HTML engine: <see cref="CreativeUrlRules"/> applied to every element
/// that can carry a URL, <c>&lt;base&gt;</c> removed, and <c>&lt;style&gt;</c> text streamed through a
/// <see cref="CssUrlRewriter"/> (chunk-safe: a <c>url(</c> split across chunks is held until it is complete). The
/// settings are shared; each document gets its own <see cref="CreativeUrlRewriter"/> through <see cref="Create"/>.
/// </summary>
public static class CreativeHtmlHandlers
{
    private const string Selectors =
        "img, script, iframe, video, audio, source, embed, object, image, use, input, link, a, area, base, [srcset], [imagesrcset], [style]";

    private static readonly HtmlRewriterSettings Settings = BuildSettings();

    /// <summary>A transform that rewrites one creative document (UTF-8 or any ASCII-compatible encoding).</summary>
    public static IBodyTransform Create(CreativeUrlRewriter rewriter)
    {
        ArgumentNullException.ThrowIfNull(rewriter);
        return new HtmlRewriter(Settings, new DocumentState(rewriter));
    }

    /// <summary>
    /// Rewrites a whole creative (auction <c>adm</c>): the same handlers as the streaming path, in one call.
    /// </summary>
    public static string RewriteCreativeHtml(string html, CreativeUrlRewriter rewriter)
    {
        ArgumentNullException.ThrowIfNull(html);
        var transform = Create(rewriter);
        try
        {
            var output = new ArrayBufferWriter<byte>(html.Length + 256);
            transform.Process(Encoding.UTF8.GetBytes(html), output);
            transform.Finish(output);
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        finally
        {
            (transform as IDisposable)?.Dispose();
        }
    }

    private static HtmlRewriterSettings BuildSettings() =>
        new HtmlRewriterSettings()
            .OnElement(Selectors, OnElement)
            .OnText("style", OnStyleText);

    private static void OnElement(HtmlElement element)
    {
        var name = element.TagName;
        if (CreativeUrlRules.IsRemovedElement(name))
        {
            element.Remove();
            return;
        }

        var state = (DocumentState)element.State!;
        var count = element.AttributeCount;
        string? click = null;
        for (var i = 0; i < count; i++)
        {
            if (element.IsAttributeRemoved(i))
            {
                continue;
            }

            var attribute = element.GetAttributeName(i);
            var kind = CreativeUrlRules.Classify(name, attribute, element.GetAttribute);
            if (kind == CreativeUrlKind.None)
            {
                continue;
            }

            var value = element.GetAttributeValue(i);
            var rewritten = state.Rewriter.RewriteAttribute(name, attribute, value, element.GetAttribute);
            if (rewritten is null)
            {
                continue;
            }

            element.SetAttributeValue(i, rewritten);
            if (kind == CreativeUrlKind.Click)
            {
                click = rewritten;
            }
        }

        if (click is not null)
        {
            element.SetAttribute(CreativeUrlRules.ClickCopyAttribute, click);
        }
    }

    private static void OnStyleText(HtmlTextChunk chunk)
    {
        var state = (DocumentState)chunk.State!;
        var css = state.Css ??= state.Rewriter.CreateCssRewriter();
        var bytes = chunk.Bytes;
        var chars = new char[state.Decoder.GetCharCount(bytes, flush: chunk.LastInTextNode)];
        state.Decoder.GetChars(bytes, chars, flush: chunk.LastInTextNode);
        var output = state.Output.Clear();
        css.Push(chars, output);
        if (chunk.LastInTextNode)
        {
            css.Flush(output);
            state.Css = null;
        }

        chunk.ReplaceBytes(Encoding.UTF8.GetBytes(output.ToString()));
    }

    private sealed class DocumentState(CreativeUrlRewriter rewriter)
    {
        public CreativeUrlRewriter Rewriter { get; } = rewriter;

        public Decoder Decoder { get; } = new UTF8Encoding(false).GetDecoder();

        public StringBuilder Output { get; } = new();

        public CssUrlRewriter? Css { get; set; }
    }
}
