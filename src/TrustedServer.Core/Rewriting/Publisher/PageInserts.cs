namespace TrustedServer.Core.Rewriting.Publisher;

/// <summary>
/// What one page gets beside the rewriting: markup for <c>&lt;head&gt;</c> (written with the head snippet, at once)
/// and markup for the structural <c>&lt;/body&gt;</c> that is only known later (the page auction's bids). The page
/// streams up to <c>&lt;/body&gt;</c>; there the output waits for <see cref="AtBodyEndAsync"/>, which bounds its own
/// wait and returns null to write nothing. A page without <c>&lt;/body&gt;</c> gets it at the end.
/// </summary>
public sealed class PageInserts(string? head, Func<CancellationToken, ValueTask<string?>> atBodyEnd)
{
    /// <summary>Markup written into <c>&lt;head&gt;</c> before the Trusted Server script tag, or null.</summary>
    public string? Head { get; } = head;

    /// <summary>The markup for <c>&lt;/body&gt;</c>, awaited when the page gets there.</summary>
    public ValueTask<string?> AtBodyEndAsync(CancellationToken cancellationToken) => atBodyEnd(cancellationToken);

    /// <summary>Where the body-end markup went: <c>before_body_end</c>, <c>document_end</c>, or null while not yet written.</summary>
    public string? WrittenAt { get; internal set; }
}
