using System.Text;
using System.Text.Json;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Core.Tests.RequestSigning;

/// <summary>Our payloads and signatures against Node's built-in Ed25519 (vectors/generate.mjs), byte for byte.</summary>
public sealed class NodeVectorTests
{
    public sealed record Vector(string Seed, string Kid, string Host, string Scheme, string Id, long Ts, string X, string Payload, string Signature);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly Vector[] Vectors = Load();

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Vectors.Length)];

    [Fact]
    public void There_are_vectors()
    {
        Assert.True(Vectors.Length >= 5);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Our_payload_bytes_are_nodes(int index)
    {
        var v = Vectors[index];

        var payload = SigningPayload.Build(v.Kid, v.Host, v.Scheme, v.Id, v.Ts);

        Assert.Equal(Encoding.UTF8.GetBytes(v.Payload), payload);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Our_signature_and_public_key_are_nodes(int index)
    {
        var v = Vectors[index];
        using var key = SigningKey.Import(v.Kid, Convert.FromHexString(v.Seed))!;

        var signature = key.Sign(Encoding.UTF8.GetBytes(v.Payload));

        Assert.Equal(v.X, key.Jwk.X);
        Assert.Equal(v.Signature, signature);
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public async Task Our_verifier_accepts_nodes_signature_in_both_encodings_and_refuses_a_flipped_bit_and_a_wrong_kid(int index)
    {
        var v = Vectors[index];
        var (signer, _) = await RingWithKeyAsync(v);
        var payload = Encoding.UTF8.GetBytes(v.Payload);
        var standard = Convert.ToBase64String(Convert.FromBase64String(ToStandard(v.Signature)));
        var flipped = Convert.FromBase64String(ToStandard(v.Signature));
        flipped[index % flipped.Length] ^= 0x01;
        var flippedPayload = (byte[])payload.Clone();
        flippedPayload[^2] ^= 0x01;

        Assert.Equal(VerificationOutcome.Verified, signer.Verify(payload, v.Signature, v.Kid));
        Assert.Equal(VerificationOutcome.Verified, signer.Verify(payload, standard, v.Kid));
        Assert.Equal(VerificationOutcome.Invalid, signer.Verify(payload, Base64Text.Encode(flipped), v.Kid));
        Assert.Equal(VerificationOutcome.Invalid, signer.Verify(flippedPayload, v.Signature, v.Kid));
        Assert.Equal(VerificationOutcome.UnknownKid, signer.Verify(payload, v.Signature, v.Kid + "x"));
        Assert.True(SignatureVerifier.Verify(payload, v.Signature, new Jwk { Kid = v.Kid, X = v.X }));
        Assert.False(SignatureVerifier.Verify(payload, v.Signature, new Jwk { Kid = v.Kid, X = Vectors[(index + 1) % Vectors.Length].X }));
    }

    [Fact]
    public async Task A_request_signed_by_the_signer_verifies_with_node_semantics()
    {
        var v = Vectors[0];
        var (signer, _) = await RingWithKeyAsync(v);

        var signed = signer.Sign("auction-42", "www.example.com")!;

        Assert.Equal("1.1", signed.Version);
        Assert.Equal(v.Kid, signed.Kid);
        Assert.Equal("https", signed.RequestScheme);
        Assert.Equal(SigningPayload.Build(v.Kid, "www.example.com", "https", "auction-42", signed.Timestamp), signed.Payload);
        Assert.True(SignatureVerifier.Verify(signed.Payload, signed.Signature, new Jwk { Kid = v.Kid, X = v.X }));
    }

    /// <summary>A ring whose store holds the vector's key as the current one, sealed the normal way.</summary>
    private static async Task<(RequestSigner Signer, KeyRing Ring)> RingWithKeyAsync(Vector v)
    {
        var store = new InMemoryKeyStore();
        var ring = new KeyRing(store, TestKeys.Passphrase);
        using var protector = PrivateKeyProtector.Create(TestKeys.Passphrase, TestKeys.CheapCost);
        await store.ApplyAsync(
            [
                KeyStoreWrite.Set(KeyStoreEntries.Kdf, protector.HeaderJson),
                KeyStoreWrite.Set(KeyStoreEntries.PrivateKey(v.Kid), protector.Seal(v.Kid, Convert.FromHexString(v.Seed))),
                KeyStoreWrite.Set(KeyStoreEntries.Jwk(v.Kid), JsonSerializer.Serialize(new Jwk { Kid = v.Kid, X = v.X })),
                KeyStoreWrite.Set(KeyStoreEntries.ActiveKids, v.Kid),
                KeyStoreWrite.Set(KeyStoreEntries.CurrentKid, v.Kid),
            ],
            null,
            TestContext.Current.CancellationToken);
        await ring.RefreshAsync(TestContext.Current.CancellationToken);
        return (new RequestSigner(ring, TimeProvider.System), ring);
    }

    private static string ToStandard(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    private static Vector[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RequestSigning", "vectors", "ed25519-vectors.json");
        return JsonSerializer.Deserialize<Vector[]>(File.ReadAllText(path), JsonOptions)!;
    }
}
