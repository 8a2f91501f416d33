namespace TrustedServer.Privacy.Consent;

/// <summary>A GPP section that could not be decoded (it is left out of the decoded sections).</summary>
/// <param name="Id">Section id.</param>
/// <param name="Error">Why it failed (never contains the input).</param>
public sealed record GppSectionError(int Id, string Error);
