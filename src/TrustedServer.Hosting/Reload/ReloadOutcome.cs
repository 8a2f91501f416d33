namespace TrustedServer.Hosting.Reload;

/// <summary>What a reload did.</summary>
/// <param name="Applied">Whether a new generation now serves new requests.</param>
/// <param name="Generation">The generation serving new requests after the reload.</param>
/// <param name="Errors">Why it was not applied: each configuration error (file, line, key, problem), or why it could not start.</param>
/// <param name="NotApplied">Changed keys that need a restart and were kept at their running values.</param>
internal sealed record ReloadOutcome(bool Applied, int Generation, IReadOnlyList<string> Errors, IReadOnlyList<string> NotApplied);
