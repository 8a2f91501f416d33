using System.Text;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Core.Tests.RequestSigning;

public sealed class KeyStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ts-keys-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_wrong_passphrase_fails_the_refresh_instead_of_giving_an_empty_key_set()
    {
        var store = new FileKeyStore(Path.Combine(_dir, "keys.json"));
        var writer = new KeyRing(store, TestKeys.Passphrase);
        await new KeyRotation(writer, TimeProvider.System) { CostOfNewStore = TestKeys.CheapCost }.RotateAsync("k1", Ct);
        var reader = new KeyRing(store, "another-long-passphrase-that-is-wrong");

        var error = await Assert.ThrowsAsync<KeyStoreException>(() => reader.RefreshAsync(Ct));

        Assert.Contains("passphrase", error.Message, StringComparison.Ordinal);
        Assert.Null(reader.Current.SigningKey);
    }

    [Fact]
    public void A_sealed_key_opens_only_under_its_own_kid_and_never_holds_the_plain_key()
    {
        using var protector = PrivateKeyProtector.Create(TestKeys.Passphrase, TestKeys.CheapCost);
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var sealedKey = protector.Seal("kid-a", secret);

        Assert.Equal(secret, protector.Open("kid-a", sealedKey));
        Assert.Null(protector.Open("kid-b", sealedKey));
        Assert.DoesNotContain(Convert.ToBase64String(secret), sealedKey, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64Text.Encode(secret), sealedKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_private_to_its_owner_and_holds_no_plain_private_key()
    {
        var path = Path.Combine(_dir, "sub", "keys.json");
        var store = new FileKeyStore(path);
        var ring = new KeyRing(store, TestKeys.Passphrase);

        var result = await new KeyRotation(ring, TimeProvider.System) { CostOfNewStore = TestKeys.CheapCost }.RotateAsync("k1", Ct);

        Assert.True(result.Success, result.Error);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var text = await File.ReadAllTextAsync(path, Ct);
        Assert.Contains("\"jwk:k1\"", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task A_stale_revision_is_refused_and_a_damaged_file_is_an_error_not_an_empty_store()
    {
        var path = Path.Combine(_dir, "keys.json");
        var store = new FileKeyStore(path);
        await store.ApplyAsync([KeyStoreWrite.Set("a", "1")], 0, Ct);

        await Assert.ThrowsAsync<KeyStoreConflictException>(() => store.ApplyAsync([KeyStoreWrite.Set("a", "2")], 0, Ct).AsTask());
        await File.WriteAllTextAsync(path, "{\"revision\":1,\"entries\":{\"a\":", Encoding.UTF8, Ct);
        await Assert.ThrowsAsync<KeyStoreException>(() => store.ReadAsync(Ct).AsTask());
    }

    [Fact]
    public async Task A_missing_file_is_an_empty_store_and_the_ring_reports_why_it_cannot_sign()
    {
        var ring = new KeyRing(new FileKeyStore(Path.Combine(_dir, "none.json")), TestKeys.Passphrase);

        await ring.RefreshAsync(Ct);

        Assert.Null(ring.Current.SigningKey);
        Assert.NotNull(ring.Current.Problem);
        Assert.Null(ring.Current.Keys.Discovery());
        Assert.Null(new RequestSigner(ring, TimeProvider.System).Sign("id", "www.example.com"));
    }

    [Fact]
    public void Generated_kids_are_dated_in_utc()
    {
        var late = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(5));

        Assert.Equal("ts-2025-12-31", KidRules.Generate(late, _ => false));
        Assert.StartsWith("ts-2025-12-31-", KidRules.Generate(late, kid => kid == "ts-2025-12-31"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AQID", true)]
    [InlineData("AQI-_w", true)]
    [InlineData("AQI+/w==", true)]
    [InlineData("AQI+/w", true)]
    [InlineData("AQI", true)]
    [InlineData("A", false)]
    [InlineData("AQ=I", false)]
    [InlineData("AQI*", false)]
    [InlineData("", false)]
    [InlineData("AQ==\n", false)]
    public void Signatures_decode_from_base64url_or_standard_base64(string text, bool decodes)
    {
        Assert.Equal(decodes, Base64Text.TryDecode(text, out _));
    }
}
