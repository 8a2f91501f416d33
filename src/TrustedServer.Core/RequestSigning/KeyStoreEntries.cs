namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// The entry names, as the original's config and secret stores name them: <c>current-kid</c>, <c>active-kids</c>
/// (a comma list), the public JWK under <c>jwk:&lt;kid&gt;</c>, the sealed private key under <c>private:&lt;kid&gt;</c>,
/// and the encryption header under <c>kdf</c>.
/// </summary>
public static class KeyStoreEntries
{
    /// <summary>The kid that signs.</summary>
    public const string CurrentKid = "current-kid";

    /// <summary>The kids published and accepted, comma separated.</summary>
    public const string ActiveKids = "active-kids";

    /// <summary>The <see cref="KeyEncryptionHeader"/>.</summary>
    public const string Kdf = "kdf";

    /// <summary>The public JWK of <paramref name="kid"/>.</summary>
    public static string Jwk(string kid) => "jwk:" + kid;

    /// <summary>The sealed private key of <paramref name="kid"/>.</summary>
    public static string PrivateKey(string kid) => "private:" + kid;

    /// <summary>Parses <c>active-kids</c>: whitespace and empty entries ignored, duplicates dropped.</summary>
    public static IReadOnlyList<string> ParseKidList(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>Formats <c>active-kids</c>.</summary>
    public static string FormatKidList(IEnumerable<string> kids) => string.Join(',', kids);
}
