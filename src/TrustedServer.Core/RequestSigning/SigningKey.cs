using NSec.Cryptography;

namespace TrustedServer.Core.RequestSigning;

/// <summary>An Ed25519 private key with its kid. Thread-safe.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    private SigningKey(string kid, Key key)
    {
        Kid = kid;
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The key identifier.</summary>
    public string Kid { get; }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as a JWK.</summary>
    public Jwk Jwk => new() { Kid = Kid, X = Base64Text.Encode(PublicKey) };

    /// <summary>A fresh random key; <paramref name="privateKey"/> receives its 32-byte seed (to be sealed and stored).</summary>
    public static SigningKey Generate(string kid, out byte[] privateKey)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        return new SigningKey(kid, key);
    }

    /// <summary>Imports a 32-byte Ed25519 seed; null when it is not one.</summary>
    public static SigningKey? Import(string kid, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32
            || !Key.TryImport(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey, out var key))
        {
            return null;
        }

        return new SigningKey(kid, key!);
    }

    /// <summary>The 64-byte signature of <paramref name="payload"/>.</summary>
    public void Sign(ReadOnlySpan<byte> payload, Span<byte> signature) => SignatureAlgorithm.Ed25519.Sign(_key, payload, signature);

    /// <summary>The signature of <paramref name="payload"/>, base64url without padding.</summary>
    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> signature = stackalloc byte[64];
        Sign(payload, signature);
        return Base64Text.Encode(signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
