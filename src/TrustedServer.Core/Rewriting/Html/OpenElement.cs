using TrustedServer.Core.Rewriting.Html.Tokenizer;

namespace TrustedServer.Core.Rewriting.Html;

/// <summary>A matched element whose end tag the rewriter waits for (pooled per rewriter).</summary>
internal sealed class OpenElement
{
    public byte[] Name = new byte[16];
    public int NameLength;

    /// <summary>Open elements of the same name, this one included, not tracked by a higher entry.</summary>
    public int Depth;

    public HtmlElement.RemovalKind Removal;
    public bool RawText;
    public bool WholeNodeText;
    public List<Action<HtmlEndTag>>? EndTagHandlers;
    public readonly ContentList Append = new();
    public readonly ContentList After = new();
    public readonly List<Action<HtmlTextChunk>> TextHandlers = [];

    public ReadOnlySpan<byte> LowerName => Name.AsSpan(0, NameLength);

    public void Reset(ReadOnlySpan<byte> name)
    {
        if (Name.Length < name.Length)
        {
            Name = new byte[name.Length];
        }

        for (var i = 0; i < name.Length; i++)
        {
            Name[i] = TagNames.ToLower(name[i]);
        }

        NameLength = name.Length;
        Depth = 1;
        Removal = HtmlElement.RemovalKind.None;
        RawText = false;
        WholeNodeText = false;
        EndTagHandlers = null;
        Append.Clear();
        After.Clear();
        TextHandlers.Clear();
    }
}
