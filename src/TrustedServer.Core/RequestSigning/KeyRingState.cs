using NSec.Cryptography;

namespace TrustedServer.Core.RequestSigning;

/// <summary>What one refresh of the key ring loaded: the key set, the opened current key and the active public keys.</summary>
public sealed class KeyRingState
{
    internal KeyRingState(KeySet keys, SigningKey? signingKey, IReadOnlyDictionary<string, PublicKey> verificationKeys, string? problem)
    {
        Keys = keys;
        SigningKey = signingKey;
        VerificationKeys = verificationKeys;
        Problem = problem;
    }

    /// <summary>The parsed store.</summary>
    public KeySet Keys { get; }

    /// <summary>The current kid's private key, or null when there is none usable (see <see cref="Problem"/>).</summary>
    public SigningKey? SigningKey { get; }

    /// <summary>The public keys of the active kids.</summary>
    public IReadOnlyDictionary<string, PublicKey> VerificationKeys { get; }

    /// <summary>Why there is no signing key, when there is none.</summary>
    public string? Problem { get; }

    /// <summary>A ring that has loaded nothing yet.</summary>
    public static KeyRingState Empty { get; } = new(KeySet.Empty, null, new Dictionary<string, PublicKey>(), "no signing key in the key store");
}
