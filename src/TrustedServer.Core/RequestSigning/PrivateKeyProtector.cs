using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace TrustedServer.Core.RequestSigning;

/// <summary>
/// Encrypts private keys at rest with XChaCha20-Poly1305 under a key derived from <c>[request_signing] passphrase</c>
/// by Argon2id. Each sealed key is <c>base64url(nonce ‖ ciphertext ‖ tag)</c> with the kid as associated data, so a
/// sealed key moved under another kid does not open. Derivation is slow on purpose and done once per store.
/// </summary>
public sealed class PrivateKeyProtector : IDisposable
{
    /// <summary>Argon2id cost of new stores (the OWASP minimum: 19 MiB, 2 passes).</summary>
    public static readonly (long MemoryKib, long Passes) DefaultCost = (19_456, 2);

    private static readonly byte[] CheckPlaintext = "trusted-server signing key store"u8.ToArray();
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    private readonly Key _key;

    private PrivateKeyProtector(Key key, KeyEncryptionHeader header)
    {
        _key = key;
        Header = header;
    }

    /// <summary>The header to store beside the keys.</summary>
    public KeyEncryptionHeader Header { get; }

    /// <summary>The header as stored (the <c>kdf</c> entry).</summary>
    public string HeaderJson => JsonSerializer.Serialize(Header, SigningJsonContext.Default.KeyEncryptionHeader);

    /// <summary>A protector for a new store: fresh salt, <paramref name="cost"/> or the default.</summary>
    public static PrivateKeyProtector Create(string passphrase, (long MemoryKib, long Passes)? cost = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var (memory, passes) = cost ?? DefaultCost;
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Derive(passphrase, salt, memory, passes);
        var nonce = RandomNumberGenerator.GetBytes(Aead.NonceSize);
        var check = Seal(key, nonce, CheckPlaintext, "check");
        var header = new KeyEncryptionHeader { Salt = Base64Text.Encode(salt), MemoryKib = memory, Passes = passes, Check = check };
        return new PrivateKeyProtector(key, header);
    }

    /// <summary>Opens an existing store's header.</summary>
    /// <exception cref="KeyStoreException">The header is unreadable, or the passphrase is wrong.</exception>
    public static PrivateKeyProtector OpenStore(string passphrase, string headerJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        KeyEncryptionHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(headerJson, SigningJsonContext.Default.KeyEncryptionHeader);
        }
        catch (JsonException)
        {
            header = null;
        }

        if (header is null || header.Algorithm != "argon2id" || !Base64Text.TryDecode(header.Salt, out var salt) || salt.Length != 16
            || header.MemoryKib is < 8 or > 4_194_304 || header.Passes is < 1 or > 64)
        {
            throw new KeyStoreException("the key store's encryption header (kdf) is unreadable");
        }

        var key = Derive(passphrase, salt, header.MemoryKib, header.Passes);
        if (TryOpen(key, header.Check, "check") is not { } check || !check.AsSpan().SequenceEqual(CheckPlaintext))
        {
            key.Dispose();
            throw new KeyStoreException("[request_signing] passphrase does not open the key store (wrong passphrase?)");
        }

        return new PrivateKeyProtector(key, header);
    }

    /// <summary>Seals a 32-byte private key under <paramref name="kid"/>.</summary>
    public string Seal(string kid, ReadOnlySpan<byte> privateKey) =>
        Seal(_key, RandomNumberGenerator.GetBytes(Aead.NonceSize), privateKey, kid);

    /// <summary>Opens a sealed key; null when it does not open under <paramref name="kid"/>.</summary>
    public byte[]? Open(string kid, string sealedKey) => TryOpen(_key, sealedKey, kid);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static Key Derive(string passphrase, byte[] salt, long memoryKib, long passes)
    {
        var kdf = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = memoryKib, NumberOfPasses = passes });
        return kdf.DeriveKey(Encoding.UTF8.GetBytes(passphrase), salt, Aead);
    }

    private static string Seal(Key key, byte[] nonce, ReadOnlySpan<byte> plaintext, string associated)
    {
        var output = new byte[nonce.Length + plaintext.Length + Aead.TagSize];
        nonce.CopyTo(output, 0);
        Aead.Encrypt(key, nonce, Encoding.UTF8.GetBytes(associated), plaintext, output.AsSpan(nonce.Length));
        return Base64Text.Encode(output);
    }

    private static byte[]? TryOpen(Key key, string? sealedText, string associated)
    {
        if (!Base64Text.TryDecode(sealedText, out var sealedBytes) || sealedBytes.Length < Aead.NonceSize + Aead.TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - Aead.NonceSize - Aead.TagSize];
        return Aead.Decrypt(key, sealedBytes.AsSpan(0, Aead.NonceSize), Encoding.UTF8.GetBytes(associated), sealedBytes.AsSpan(Aead.NonceSize), plaintext)
            ? plaintext
            : null;
    }
}
