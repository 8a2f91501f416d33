namespace TrustedServer.Hosting.Integrations;

/// <summary>A body fetched whole for a shared cache, with the upstream's media type.</summary>
public sealed record SharedFetch(byte[] Body, string? ContentType);
