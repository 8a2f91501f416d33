using TrustedServer.Core.Rewriting.Publisher;

namespace TrustedServer.Core.Rewriting.Integrations.NextJs;

/// <summary>
/// The Pages Router's <c>&lt;script id="__NEXT_DATA__" type="application/json"&gt;</c>: string values under the
/// configured keys (<c>rewrite_attributes</c>, at any depth) are mapped, in place of the publisher's mapping of the
/// whole script, so text the page shows from its props stays as it is in the HTML.
/// </summary>
public sealed class NextDataRewriter(IReadOnlyList<string> keys, int maxValueBytes) : IScriptTextRewriter
{
    private readonly byte[][] _keys = [.. keys.Select(k => System.Text.Encoding.UTF8.GetBytes(k))];

    /// <inheritdoc />
    public string Selector => "script#__NEXT_DATA__";

    /// <inheritdoc />
    public bool ReplacesUrlMapping => true;

    /// <inheritdoc />
    public IBodyTransform? Begin(PublisherDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new JsonKeyedUrlTransform(document.Mapper, _keys, maxValueBytes);
    }
}
