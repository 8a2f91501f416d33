namespace TrustedServer.Core.Rewriting.Html.Tokenizer;

/// <summary>
/// A flag a sink keeps current for its tokenizer: while it is set, the sink would pass every text run and end tag
/// through unchanged, so the tokenizer does not call it for them. Outside handled elements that is most tokens.
/// </summary>
internal sealed class SinkShortcut
{
    public bool PassesTextAndEndTags = true;
}
