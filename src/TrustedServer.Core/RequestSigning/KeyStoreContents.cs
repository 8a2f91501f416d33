namespace TrustedServer.Core.RequestSigning;

/// <summary>A snapshot of a key store: its entries and revision.</summary>
public sealed record KeyStoreContents(long Revision, IReadOnlyDictionary<string, string> Entries)
{
    /// <summary>An empty store.</summary>
    public static KeyStoreContents Empty { get; } = new(0, new Dictionary<string, string>());
}
