using System.Text.Json;

namespace TrustedServer.Core.RequestSigning;

/// <summary>A parsed, immutable view of a key store's contents.</summary>
public sealed class KeySet
{
    private KeySet(KeyStoreContents contents, string? currentKid, IReadOnlyList<string> activeKids, IReadOnlyDictionary<string, Jwk> jwks)
    {
        Contents = contents;
        CurrentKid = currentKid;
        ActiveKids = activeKids;
        Jwks = jwks;
    }

    /// <summary>The raw entries this view was parsed from.</summary>
    public KeyStoreContents Contents { get; }

    /// <summary>The store revision.</summary>
    public long Revision => Contents.Revision;

    /// <summary>The kid that signs, or null when none is set.</summary>
    public string? CurrentKid { get; }

    /// <summary>The kids published and accepted for verification, in order.</summary>
    public IReadOnlyList<string> ActiveKids { get; }

    /// <summary>Every well-formed stored JWK (active or not), by kid.</summary>
    public IReadOnlyDictionary<string, Jwk> Jwks { get; }

    /// <summary>The encryption header entry, or null for a store that never held a key.</summary>
    public string? KdfHeader => Contents.Entries.GetValueOrDefault(KeyStoreEntries.Kdf);

    /// <summary>An empty key set.</summary>
    public static KeySet Empty { get; } = Parse(KeyStoreContents.Empty);

    /// <summary>Parses a store's entries; malformed JWKs are left out rather than failing the whole set.</summary>
    public static KeySet Parse(KeyStoreContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var jwks = new Dictionary<string, Jwk>(StringComparer.Ordinal);
        foreach (var (name, value) in contents.Entries)
        {
            if (!name.StartsWith("jwk:", StringComparison.Ordinal))
            {
                continue;
            }

            var kid = name[4..];
            try
            {
                if (JsonSerializer.Deserialize(value, SigningJsonContext.Default.Jwk) is { } jwk && jwk.Kid == kid && jwk.PublicKeyBytes() is not null)
                {
                    jwks[kid] = jwk;
                }
            }
            catch (JsonException)
            {
                // A malformed JWK is not published; discovery reports the store as having no usable key if none remain.
            }
        }

        var current = contents.Entries.GetValueOrDefault(KeyStoreEntries.CurrentKid)?.Trim();
        var active = KeyStoreEntries.ParseKidList(contents.Entries.GetValueOrDefault(KeyStoreEntries.ActiveKids));
        return new KeySet(contents, string.IsNullOrEmpty(current) ? null : current, active, jwks);
    }

    /// <summary>Whether any entry exists under <paramref name="kid"/>.</summary>
    public bool Contains(string kid) =>
        Contents.Entries.ContainsKey(KeyStoreEntries.Jwk(kid)) || Contents.Entries.ContainsKey(KeyStoreEntries.PrivateKey(kid));

    /// <summary>Whether <paramref name="kid"/> is active.</summary>
    public bool IsActive(string kid) => ActiveKids.Contains(kid, StringComparer.Ordinal);

    /// <summary>The sealed private key of <paramref name="kid"/>, if stored.</summary>
    public string? SealedPrivateKey(string kid) => Contents.Entries.GetValueOrDefault(KeyStoreEntries.PrivateKey(kid));

    /// <summary>The JWKs of the active kids that have one, in <c>active-kids</c> order.</summary>
    public IReadOnlyList<Jwk> ActiveJwks() =>
        [.. ActiveKids.Select(kid => Jwks.GetValueOrDefault(kid)).OfType<Jwk>()];

    /// <summary>The discovery document, or null when no active kid has a usable JWK.</summary>
    public JwksDocument? Discovery()
    {
        var keys = ActiveJwks();
        return keys.Count == 0 ? null : new JwksDocument { Jwks = new JwkSet { Keys = keys } };
    }
}
