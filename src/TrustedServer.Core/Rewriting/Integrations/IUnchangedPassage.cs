namespace TrustedServer.Core.Rewriting.Integrations;

/// <summary>
/// A script-text transform that can tell, before anything is copied, that a chunk comes out exactly as it went in.
/// Most script text is left alone, and copying each chunk to compare it afterwards costs more than the rewrite.
/// </summary>
internal interface IUnchangedPassage
{
    /// <summary>
    /// True when <paramref name="chunk"/> passes unchanged and leaves nothing for <see cref="IBodyTransform.Finish"/>
    /// to write: the transform has then taken it as read, and the caller skips <see cref="IBodyTransform.Process"/>.
    /// False leaves the transform as it was.
    /// </summary>
    bool TryPassUnchanged(ReadOnlySpan<byte> chunk);
}
