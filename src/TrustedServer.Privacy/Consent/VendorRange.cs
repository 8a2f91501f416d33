namespace TrustedServer.Privacy.Consent;

/// <summary>An inclusive range of vendor ids (a single id has <see cref="Start"/> == <see cref="End"/>).</summary>
/// <param name="Start">First id.</param>
/// <param name="End">Last id, inclusive.</param>
public readonly record struct VendorRange(int Start, int End);
