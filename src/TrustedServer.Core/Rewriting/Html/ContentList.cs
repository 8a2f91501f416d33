namespace TrustedServer.Core.Rewriting.Html;

/// <summary>Content queued for one insertion point, in insertion order; allocates only when used.</summary>
internal sealed class ContentList
{
    private List<(string Content, HtmlContentType Type)>? _items;

    public int Count => _items?.Count ?? 0;

    public (string Content, HtmlContentType Type) this[int index] => _items![index];

    public void Add(string content, HtmlContentType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        (_items ??= []).Add((content, type));
    }

    public void Insert(string content, HtmlContentType type)
    {
        ArgumentNullException.ThrowIfNull(content);
        (_items ??= []).Insert(0, (content, type));
    }

    public void Clear() => _items?.Clear();

    public void MoveTo(ContentList other)
    {
        for (var i = 0; i < Count; i++)
        {
            other.Add(_items![i].Content, _items[i].Type);
        }

        Clear();
    }
}
