using TrustedServer.Core.Rewriting.Html;
using TrustedServer.Core.Rewriting.Integrations;

namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// The integrations' part of the publisher handler set: attribute rewriters after the URL mapping of each start tag,
/// and script-text rewriters chained after the mapping of each text chunk, all in the same single pass.
/// </summary>
public sealed partial class PublisherRewriter
{
    /// <summary>The integrations' compiled HTML hooks.</summary>
    public IntegrationHtmlHooks Hooks { get; }

    private void RegisterScriptRewriters(bool replacingUrlMapping)
    {
        for (var i = 0; i < Hooks.ScriptRewriters.Count; i++)
        {
            var index = i;
            if (Hooks.ScriptRewriters[i].ReplacesUrlMapping != replacingUrlMapping)
            {
                continue;
            }

            // The others are registered after the publisher's own text handler, so each sees the chunk as mapped (and
            // as rewritten by the integrations registered before it).
            Html.OnText(Hooks.ScriptRewriters[i].Selector, replacingUrlMapping ? chunk => OnOwnedText(index, chunk) : chunk => OnIntegrationText(index, chunk));
        }
    }

    /// <summary>A rewriter in place of the URL mapping: the first that begins a node owns it, and it sees the node unmapped.</summary>
    private static void OnOwnedText(int index, HtmlTextChunk chunk)
    {
        var document = (PublisherDocument)chunk.State!;
        var sessions = document.ScriptSessions ??= new IBodyTransform?[document.Rewriter.Hooks.ScriptRewriters.Count];
        var started = document.ScriptSessionStarted ??= new bool[sessions.Length];
        if (!started[index])
        {
            started[index] = true;
            sessions[index] = document.TextNodeOwned ? null : document.Rewriter.Hooks.ScriptRewriters[index].Begin(document);
            if (sessions[index] is { } owner)
            {
                document.TextNodeOwned = true;
                document.TextNodeOwner = owner;
            }
        }

        if (sessions[index] is { } session && !(session is IUnchangedPassage passage && passage.TryPassUnchanged(chunk.Bytes)))
        {
            var scratch = document.IntegrationScratch;
            scratch.Clear();
            session.Process(chunk.Bytes, scratch);
            if (chunk.LastInTextNode)
            {
                session.Finish(scratch);
            }

            if (!scratch.WrittenSpan.SequenceEqual(chunk.Bytes))
            {
                chunk.ReplaceBytes(scratch.WrittenSpan);
            }
        }

        if (chunk.LastInTextNode)
        {
            sessions[index] = null;
            started[index] = false;
        }
    }

    /// <summary>Runs the attribute rewriters; false when one removed the element.</summary>
    private static bool ApplyAttributeRewriters(HtmlElement element, PublisherDocument document)
    {
        var hooks = document.Rewriter.Hooks;
        if (!document.TagWanted)
        {
            return true;
        }

        var tagName = element.TagName;
        for (var i = 0; i < element.AttributeCount; i++)
        {
            if (element.IsAttributeRemoved(i))
            {
                continue;
            }

            string? name = null;
            string? value = null;
            var changed = false;
            for (var r = 0; r < hooks.AttributeRewriters.Count; r++)
            {
                var rewriter = hooks.AttributeRewriters[r];
                if (!hooks.RewriterTakesTag(r, tagName))
                {
                    continue;
                }

                name ??= element.GetAttributeName(i);
                if (!rewriter.Wants(tagName, name))
                {
                    continue;
                }

                value ??= element.GetAttributeValue(i);
                var decision = rewriter.Rewrite(tagName, name, value, document);
                switch (decision.Kind)
                {
                    case AttributeRewriteKind.RemoveElement:
                        element.Remove();
                        return false;
                    case AttributeRewriteKind.Replace:
                        changed |= !string.Equals(value, decision.Value, StringComparison.Ordinal);
                        value = decision.Value!;
                        break;
                }
            }

            if (changed)
            {
                element.SetAttributeValue(i, value!);
            }
        }

        return true;
    }

    private static void OnIntegrationText(int index, HtmlTextChunk chunk)
    {
        var document = (PublisherDocument)chunk.State!;
        var sessions = document.ScriptSessions ??= new IBodyTransform?[document.Rewriter.Hooks.ScriptRewriters.Count];
        var started = document.ScriptSessionStarted ??= new bool[sessions.Length];
        if (document.TextNodeExclusive)
        {
            // Claimed by its owner before any of it was written, so a session begun on this node has seen nothing.
            if (chunk.LastInTextNode)
            {
                sessions[index] = null;
                started[index] = false;
            }

            return;
        }

        if (!started[index])
        {
            started[index] = true;
            sessions[index] = document.Rewriter.Hooks.ScriptRewriters[index].Begin(document);
        }

        var input = chunk.IsReplaced && chunk.ReplacementString is null ? chunk.ReplacementBytes : chunk.Bytes;

        // Most inline scripts hold nothing a replacer looks for: they skip the copy and the comparison below.
        if (sessions[index] is { } session && !(session is IUnchangedPassage passage && passage.TryPassUnchanged(input)))
        {
            var scratch = document.IntegrationScratch;
            scratch.Clear();
            session.Process(input, scratch);
            if (chunk.LastInTextNode)
            {
                session.Finish(scratch);
            }

            if (!scratch.WrittenSpan.SequenceEqual(input))
            {
                chunk.ReplaceBytes(scratch.WrittenSpan);
            }
        }

        if (chunk.LastInTextNode)
        {
            sessions[index] = null;
            started[index] = false;
        }
    }
}
