namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>Where one attribute lies inside a tag's bytes (offsets from the tag's <c>&lt;</c>).</summary>
internal struct HtmlAttributeSpan
{
    public int NameStart;
    public int NameEnd;

    /// <summary>Start of the value without its quote, or -1 when the attribute has no <c>=</c>.</summary>
    public int ValueStart;
    public int ValueEnd;

    /// <summary>End of the whole attribute (after the closing quote when quoted).</summary>
    public int End;

    /// <summary>The quote byte (<c>"</c> or <c>'</c>), or 0 when unquoted or valueless.</summary>
    public byte Quote;

    public readonly bool HasValue => ValueStart >= 0;
}
