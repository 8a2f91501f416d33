namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>What the bytes at a position say about a candidate match.</summary>
internal enum MatchOutcome
{
    /// <summary>No match here, whatever follows.</summary>
    NoMatch,

    /// <summary>A complete match, including the byte that ends the authority.</summary>
    Match,

    /// <summary>The bytes so far are a prefix of a match; the decision needs the next chunk.</summary>
    NeedMore,
}
