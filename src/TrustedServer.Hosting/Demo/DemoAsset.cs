namespace TrustedServer.Hosting.Demo;

/// <summary>One file of the demo site, with its precompressed variants when a real site would compress it.</summary>
internal sealed record DemoAsset(string ContentType, byte[] Identity, byte[]? Gzip, byte[]? Brotli, int Status = 200);
