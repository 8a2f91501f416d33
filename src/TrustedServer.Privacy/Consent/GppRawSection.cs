namespace TrustedServer.Privacy.Consent;

/// <summary>A GPP section this decoder does not interpret, kept as encoded.</summary>
/// <param name="Id">Section id.</param>
/// <param name="Encoded">The section's encoded text.</param>
public sealed record GppRawSection(int Id, string Encoded);
