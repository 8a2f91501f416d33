namespace TrustedServer.Core.Auction;

/// <summary>A banner size in CSS pixels.</summary>
public readonly record struct AdFormat(int Width, int Height);
