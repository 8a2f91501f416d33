using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace TrustedServer.Core.SignedUrls;

/// <summary>
/// The original's <c>tstoken</c>: base64url-no-pad(SHA-256("x1" ‖ nonce ‖ XChaCha20-Poly1305(key, nonce, url))) with
/// key = SHA-256(secret) and nonce = the first 24 bytes of SHA-256("ts-proxy-x1" ‖ secret ‖ url), no associated data.
/// Deterministic, so the verifier recomputes it and compares.
/// </summary>
internal sealed class SignedUrlToken : IDisposable
{
    /// <summary>Length of every token: 32 bytes in unpadded base64url.</summary>
    public const int Length = 43;

    private const int NonceLength = 24;
    private const int TagLength = 16;

    private readonly byte[] _secret;
    private readonly Key _key;

    public SignedUrlToken(string proxySecret)
    {
        ArgumentNullException.ThrowIfNull(proxySecret);
        _secret = Encoding.UTF8.GetBytes(proxySecret);
        Span<byte> keyBytes = stackalloc byte[32];
        SHA256.HashData(_secret, keyBytes);
        _key = Key.Import(AeadAlgorithm.XChaCha20Poly1305, keyBytes, KeyBlobFormat.RawSymmetricKey);
        CryptographicOperations.ZeroMemory(keyBytes);
    }

    public string Compute(string signedString)
    {
        ReadOnlySpan<byte> nonceLabel = "ts-proxy-x1"u8;
        var urlLength = Encoding.UTF8.GetByteCount(signedString);
        var seedLength = nonceLabel.Length + _secret.Length + urlLength;
        var rawLength = 2 + NonceLength + urlLength + TagLength;
        var buffer = ArrayPool<byte>.Shared.Rent(seedLength + rawLength);
        try
        {
            // One buffer: [label | secret | url] for the nonce hash, then ["x1" | nonce | ciphertext+tag].
            var seed = buffer.AsSpan(0, seedLength);
            nonceLabel.CopyTo(seed);
            _secret.CopyTo(seed[nonceLabel.Length..]);
            var url = seed[(nonceLabel.Length + _secret.Length)..];
            Encoding.UTF8.GetBytes(signedString, url);

            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(seed, digest);

            var raw = buffer.AsSpan(seedLength, rawLength);
            "x1"u8.CopyTo(raw);
            digest[..NonceLength].CopyTo(raw[2..]);
            AeadAlgorithm.XChaCha20Poly1305.Encrypt(
                _key, raw.Slice(2, NonceLength), ReadOnlySpan<byte>.Empty, url, raw[(2 + NonceLength)..]);
            SHA256.HashData(raw, digest);
            return Base64Url.EncodeToString(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true); // it held the secret
        }
    }

    /// <summary>Constant-time comparison of a presented token with the one <paramref name="signedString"/> yields.</summary>
    public bool Matches(string signedString, string presented)
    {
        var expected = Compute(signedString);
        Span<byte> expectedBytes = stackalloc byte[Length];
        Encoding.ASCII.GetBytes(expected, expectedBytes);
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(expectedBytes, presentedBytes);
    }

    public void Dispose() => _key.Dispose();
}
