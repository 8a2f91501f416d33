using System.Buffers;
using TrustedServer.Core.Delivery;
using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Html.Tokenizer;
using TrustedServer.Core.Rewriting.Integrations;
using TrustedServer.Core.Rewriting.Urls;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// The publisher's rewriting, compiled once per configuration: every attribute value and every <c>script</c> and
/// <c>style</c> text goes through the URL mapper, the head snippet (integrations' inserts and the Trusted Server
/// script tag) is prepended to <c>&lt;head&gt;</c> once, and integrations get the structural <c>&lt;/body&gt;</c>.
/// CSS, JavaScript, JSON, XML and text bodies go through the URL mapper directly. Per response, <see cref="Create(ContentKind, UrlMapper)"/>
/// builds a transform bound to the request's scheme and host.
/// </summary>
public sealed partial class PublisherRewriter
{
    private static readonly string[] HeadContent =
        ["html", "head", "base", "basefont", "bgsound", "link", "meta", "noframes", "script", "style", "template", "title", "noscript"];

    private readonly IPublisherHtmlIntegration[] _integrations;

    /// <summary>Compiles the handler set.</summary>
    /// <param name="urls">The compiled origin and extra hosts.</param>
    /// <param name="integrations">Integrations adding head inserts and <c>&lt;/body&gt;</c> content, in order.</param>
    /// <param name="scriptTag">The tag injected into <c>&lt;head&gt;</c> (the host passes the unified bundle's, from
    /// <see cref="TsjsBundle.ScriptTagFor"/>); none when null or empty.</param>
    /// <param name="hooks">Integrations' attribute and script rewriters and head injectors.</param>
    public PublisherRewriter(UrlMapperSettings urls, IEnumerable<IPublisherHtmlIntegration>? integrations = null, string? scriptTag = null, IntegrationHtmlHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        Urls = urls;
        ScriptTag = scriptTag ?? string.Empty;
        _integrations = [.. integrations ?? []];
        Hooks = hooks ?? IntegrationHtmlHooks.Empty;
        Html = new HtmlRewriterSettings().OnElement("*", OnElement, NeedsElement, MapFromBytes);

        // Rewriters that replace the URL mapping see the text before it; the others see it after.
        RegisterScriptRewriters(replacingUrlMapping: true);
        Html.OnText("script, style", OnRawText).OnDocumentEnd(OnDocumentEnd);
        RegisterScriptRewriters(replacingUrlMapping: false);
    }

    /// <summary>The compiled URL mapping configuration.</summary>
    public UrlMapperSettings Urls { get; }

    /// <summary>The HTML handler set (shared by all pages).</summary>
    public HtmlRewriterSettings Html { get; }

    /// <summary>The Trusted Server script tag injected into every page.</summary>
    public string ScriptTag { get; }

    /// <summary>The URL mapper for one request.</summary>
    /// <exception cref="ArgumentException">The scheme is not http(s) or the host is not an ASCII host[:port].</exception>
    public UrlMapper CreateMapper(string requestScheme, string requestHost) => new(Urls, requestScheme, requestHost);

    /// <summary>A transform for one body of <paramref name="kind"/>, or null for binary bodies.</summary>
    public IBodyTransform? Create(ContentKind kind, UrlMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return kind switch
        {
            ContentKind.Html => CreateHtml(mapper),
            ContentKind.Css or ContentKind.JavaScript or ContentKind.Json or ContentKind.Xml or ContentKind.Text => mapper.CreateTransform(),
            ContentKind.Flight => Hooks.ComponentStreamRewriter?.Create(mapper),
            _ => null,
        };
    }

    /// <summary>An HTML transform for one page.</summary>
    public HtmlRewriter CreateHtml(UrlMapper mapper) => new(Html, new PublisherDocument(this, mapper));

    /// <summary>
    /// A transform for one body of <paramref name="kind"/>; an HTML page with <paramref name="inserts"/> gets their head
    /// markup at once and holds its output at the structural <c>&lt;/body&gt;</c> for the body-end markup.
    /// </summary>
    public IBodyTransform? Create(ContentKind kind, UrlMapper mapper, PageInserts? inserts)
    {
        if (inserts is null || kind != ContentKind.Html)
        {
            return Create(kind, mapper);
        }

        ArgumentNullException.ThrowIfNull(mapper);
        var document = new PublisherDocument(this, mapper) { Inserts = inserts };
        var held = new HeldHtmlTransform(new HtmlRewriter(Html, document), inserts);
        document.Holder = held;
        return held;
    }

    /// <summary>Once the head snippet is in, only tags with something the mapper could map need the handler.</summary>
    private static bool NeedsElement(object? state, ReadOnlySpan<byte> rawTag)
    {
        var document = (PublisherDocument)state!;
        var rewriter = document.Rewriter;
        var wanted = document.TagWanted = rewriter.Hooks.HasNeedles && rewriter.Hooks.WantsTag(rawTag);
        return !document.HeadInjected || rewriter._integrations.Length > 0 || wanted || rewriter.Urls.CouldMapInTag(rawTag)
            || (document.Inserts is not null && !document.BodySeen && IsBodyTag(rawTag));
    }

    /// <summary>
    /// Once the head snippet is in and no integration wants elements, all that is left is mapping attribute values,
    /// done here on the tag's bytes with the same rules as <see cref="MapAttributes"/> and the same quoting as an
    /// edited element, without building one.
    /// </summary>
    private static StartTagRewrite MapFromBytes(object? state, in HtmlTagView tag, IBufferWriter<byte> output)
    {
        var document = (PublisherDocument)state!;
        if (!document.HeadInjected || document.Rewriter._integrations.Length > 0 || document.TagWanted
            || (document.Inserts is not null && !document.BodySeen && TagNames.EqualsLower(tag.Name, "body"u8)))
        {
            return StartTagRewrite.Declined;
        }

        var raw = tag.Raw;
        var isMeta = TagNames.EqualsLower(tag.Name, "meta"u8);
        var scratch = document.Scratch;
        var copied = 0;
        foreach (var a in tag.Attributes)
        {
            if (!a.HasValue || a.ValueEnd == a.ValueStart)
            {
                continue;
            }

            scratch.Clear();
            if (!document.Mapper.TryMapAttributeValue(raw[a.ValueStart..a.ValueEnd], UrlAttributes.IsUrlBearing(raw[a.NameStart..a.NameEnd], isMeta), scratch))
            {
                continue;
            }

            output.Write(raw[copied..(a.ValueStart - (a.Quote != 0 ? 1 : 0))]);
            HtmlElement.WriteAttributeValue(output, scratch.WrittenSpan, a.Quote);
            copied = a.End;
        }

        if (copied == 0)
        {
            return StartTagRewrite.Unchanged;
        }

        output.Write(raw[copied..]);
        return StartTagRewrite.Written;
    }

    private static void OnElement(HtmlElement element)
    {
        var document = (PublisherDocument)element.State!;
        if (!document.HeadInjected)
        {
            if (element.IsTag("head"))
            {
                element.Prepend(document.Rewriter.HeadSnippet(document), HtmlContentType.Html);
                document.HeadInjected = true;
            }
            else if (!IsHeadContent(element))
            {
                element.Before(document.Rewriter.HeadSnippet(document), HtmlContentType.Html);
                document.HeadInjected = true;
            }
        }

        MapAttributes(element, document);
        if (document.Rewriter.Hooks.AttributeRewriters.Count > 0 && !ApplyAttributeRewriters(element, document))
        {
            return;
        }

        if ((document.Rewriter._integrations.Length > 0 || document.Inserts is not null) && !document.BodySeen && element.IsTag("body"))
        {
            document.BodySeen = true;
            element.OnEndTag(OnBodyEnd);
        }
    }

    private static void MapAttributes(HtmlElement element, PublisherDocument document)
    {
        var isMeta = element.IsTag("meta");
        var scratch = document.Scratch;
        for (var i = 0; i < element.AttributeCount; i++)
        {
            var value = element.GetAttributeValueBytes(i);
            if (value.IsEmpty)
            {
                continue;
            }

            scratch.Clear();
            if (document.Mapper.TryMapAttributeValue(value, UrlAttributes.IsUrlBearing(element.GetAttributeNameBytes(i), isMeta), scratch))
            {
                element.SetAttributeRawValue(i, scratch.WrittenSpan);
            }
        }
    }

    private static bool IsHeadContent(HtmlElement element)
    {
        foreach (var name in HeadContent)
        {
            if (element.IsTag(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Script and style text arrives in chunks as the page streams; one streaming mapper per text node carries the
    /// overlap between them, so the output does not depend on where chunks split. Written back raw, never escaped.
    /// </summary>
    private static void OnRawText(HtmlTextChunk chunk)
    {
        var document = (PublisherDocument)chunk.State!;
        if (document.TextNodeOwned)
        {
            // An integration maps this node itself.
            document.TextNodeExclusive = document.TextNodeOwner is IExclusiveScriptSession { IsExclusive: true };
            document.TextNodeOwned = !chunk.LastInTextNode;
            return;
        }

        document.TextNodeExclusive = false;

        var scratch = document.Scratch;
        scratch.Clear();
        document.RawText.Process(chunk.Bytes, scratch);
        if (chunk.LastInTextNode)
        {
            document.RawText.Finish(scratch);
        }

        if (!scratch.WrittenSpan.SequenceEqual(chunk.Bytes))
        {
            chunk.ReplaceBytes(scratch.WrittenSpan);
        }
    }

    private static void OnBodyEnd(HtmlEndTag end)
    {
        var document = (PublisherDocument)end.State!;

        // Everything before the end tag has been written: from here the output waits for the page's body-end markup.
        document.Holder?.StartHold("before_body_end");
        foreach (var integration in document.Rewriter._integrations)
        {
            integration.OnBodyEnd(end, document);
        }
    }

    private static void OnDocumentEnd(HtmlDocumentEnd end)
    {
        var document = (PublisherDocument)end.State!;
        if (!document.HeadInjected)
        {
            end.Append(document.Rewriter.HeadSnippet(document), HtmlContentType.Html);
            document.HeadInjected = true;
        }

        foreach (var rewriter in document.Rewriter.Hooks.ScriptRewriters)
        {
            if (rewriter.DocumentEnd(document) is { Length: > 0 } markup)
            {
                end.Append(markup, HtmlContentType.Html);
            }
        }

        document.Scratch.Dispose();
        document.DisposeIntegrationScratch();
    }

    private string HeadSnippet(PublisherDocument document)
    {
        if (_integrations.Length == 0 && Hooks.HeadInjectors.Count == 0 && document.Inserts?.Head is null)
        {
            return ScriptTag;
        }

        var snippet = new System.Text.StringBuilder();
        foreach (var integration in _integrations)
        {
            snippet.Append(integration.HeadInserts(document));
        }

        foreach (var injector in Hooks.HeadInjectors)
        {
            snippet.Append(injector.HeadInserts(document));
        }

        // The page's own head markup (window.tsjs.adSlots) goes before the script tag, so the SDK finds it on load.
        return snippet.Append(document.Inserts?.Head).Append(ScriptTag).ToString();
    }

    /// <summary>Is the raw start tag a <c>&lt;body&gt;</c> (any case)?</summary>
    private static bool IsBodyTag(ReadOnlySpan<byte> rawTag)
    {
        if (rawTag.Length < 5 || rawTag[0] != (byte)'<' || !TagNames.EqualsLower(rawTag.Slice(1, 4), "body"u8))
        {
            return false;
        }

        return rawTag.Length == 5 || rawTag[5] is (byte)'>' or (byte)'/' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';
    }
}
