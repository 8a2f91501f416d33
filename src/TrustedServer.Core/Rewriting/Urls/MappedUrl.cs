namespace TrustedServer.Core.Rewriting.Urls;

/// <summary>One URL as the origin wrote it and as the client gets it (for <c>explain</c>).</summary>
/// <param name="Origin">The origin's URL.</param>
/// <param name="FirstParty">Its first-party form.</param>
public sealed record MappedUrl(string Origin, string FirstParty);
