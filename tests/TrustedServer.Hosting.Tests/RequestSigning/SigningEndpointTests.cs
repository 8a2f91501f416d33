using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustedServer.Core.RequestSigning;
using TrustedServer.Hosting.Tests.Infrastructure;
using static TrustedServer.Hosting.Tests.RequestSigning.SigningHarness;

namespace TrustedServer.Hosting.Tests.RequestSigning;

public sealed class SigningEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_is_a_500_with_a_clear_error_until_a_key_exists_then_lists_every_active_jwk()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        using var empty = await proxy.Client.GetAsync("/.well-known/trusted-server.json", Ct);
        var emptyJson = await JsonAsync(empty);
        var first = await RotateAsync(proxy.Client);
        var second = await RotateAsync(proxy.Client, "second-key");
        using var listed = await proxy.Client.GetAsync("/.well-known/trusted-server.json", Ct);
        var json = await JsonAsync(listed);

        Assert.Equal(500, (int)empty.StatusCode);
        Assert.Equal("no_active_key", emptyJson.GetProperty("error").GetString());
        Assert.Equal(200, (int)listed.StatusCode);
        Assert.Equal("public, max-age=300", listed.Headers.CacheControl!.ToString());
        Assert.Equal("application/json; charset=utf-8", listed.Content.Headers.ContentType!.ToString());
        Assert.Equal("1.0", json.GetProperty("version").GetString());
        var keys = json.GetProperty("jwks").GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal([first.GetProperty("new_kid").GetString(), "second-key"], keys.Select(k => k.GetProperty("kid").GetString()));
        Assert.All(keys, k =>
        {
            Assert.Equal("OKP", k.GetProperty("kty").GetString());
            Assert.Equal("Ed25519", k.GetProperty("crv").GetString());
            Assert.Equal("EdDSA", k.GetProperty("alg").GetString());
            Assert.Equal(43, k.GetProperty("x").GetString()!.Length);
        });
        Assert.Equal(second.GetProperty("jwk").GetProperty("x").GetString(), keys[1].GetProperty("x").GetString());
    }

    [Fact]
    public async Task A_signed_request_verifies_in_both_encodings_and_a_flipped_bit_or_unknown_kid_does_not()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        await RotateAsync(proxy.Client, "kid-one");
        var signed = proxy.Services.GetRequiredService<RequestSigner>().Sign("auction-7", "www.example.com")!;
        var payload = Encoding.UTF8.GetString(signed.Payload);
        var standard = Convert.ToBase64String(Base64Url(signed.Signature));
        var flipped = Base64Url(signed.Signature);
        flipped[10] ^= 0x04;

        var ok = await VerifyAsync(proxy, payload, signed.Signature, "kid-one");
        var okStandard = await VerifyAsync(proxy, payload, standard, "kid-one");
        var bad = await VerifyAsync(proxy, payload, Core.RequestSigning.Base64Text.Encode(flipped), "kid-one");
        var otherPayload = await VerifyAsync(proxy, payload.Replace("auction-7", "auction-8", StringComparison.Ordinal), signed.Signature, "kid-one");
        var unknown = await VerifyAsync(proxy, payload, signed.Signature, "kid-two");

        Assert.Equal("""{"verified":true,"kid":"kid-one","message":"Signature verified successfully","error":null}""", ok);
        Assert.Equal(ok, okStandard);
        Assert.Equal("""{"verified":false,"kid":"kid-one","message":"Signature verification failed","error":"Invalid signature"}""", bad);
        Assert.Equal(bad, otherPayload);
        Assert.Contains("\"verified\":false", unknown, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"Verification error\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_refuses_oversized_non_json_and_mistyped_bodies()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));

        var oversized = await PostAsync(proxy, "/verify-signature", new ByteArrayContent(new byte[16 * 1024 + 1]));
        var streamedOversized = await PostAsync(proxy, "/verify-signature", new StreamContent(new MemoryStream(new byte[64 * 1024])));
        var notJson = await PostAsync(proxy, "/verify-signature", new StringContent("payload=x"));
        var array = await PostAsync(proxy, "/verify-signature", new StringContent("[1,2]"));
        var mistyped = await PostAsync(proxy, "/verify-signature", new StringContent("""{"payload":1,"signature":"x","kid":"k"}"""));
        var missing = await PostAsync(proxy, "/verify-signature", new StringContent("""{"payload":"x"}"""));
        var deep = await PostAsync(proxy, "/verify-signature", new StringContent(new string('[', 5000)));

        Assert.Equal(413, oversized);
        Assert.Equal(413, streamedOversized);
        Assert.Equal(400, notJson);
        Assert.Equal(400, array);
        Assert.Equal(400, mistyped);
        Assert.Equal(400, missing);
        Assert.Equal(400, deep);
    }

    [Fact]
    public async Task Ten_thousand_random_byte_strings_to_verify_never_get_a_500()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        await RotateAsync(proxy.Client, "fuzz-key");
        var random = new Random(1234);
        var templates = new[] { "{\"payload\":\"", "{\"payload\":\"x\",\"signature\":\"", "{\"payload\":\"x\",\"signature\":\"AAAA\",\"kid\":\"", "" };
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var prefix = Encoding.UTF8.GetBytes(templates[i % templates.Length]);
            var status = await PostAsync(proxy, "/verify-signature", new ByteArrayContent([.. prefix, .. bytes, .. (i % 3 == 0 ? "\"}"u8.ToArray() : [])]));
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.True(statuses.GetValueOrDefault(400) > 0);
    }

    [Fact]
    public async Task Rotation_and_deactivation_answer_as_the_original_with_refusals_and_kid_validation()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        await using var proxy = await ProxyServer.StartAsync(Options(origin.Url));
        var first = await RotateAsync(proxy.Client, "first-key");

        using var last = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", """{"kid":"first-key"}"""), Ct);
        var lastJson = await JsonAsync(last);
        var second = await RotateAsync(proxy.Client);
        using var current = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", $"{{\"kid\":\"{second.GetProperty("new_kid").GetString()}\"}}"), Ct);
        using var forbidden = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", """{"kid":"bad kid/../x"}"""), Ct);
        using var upper = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", """{"kid":"Upper"}"""), Ct);
        using var taken = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", """{"kid":"first-key"}"""), Ct);
        using var notJson = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/rotate", "kid=x"), Ct);
        using var noKid = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", """{"delete":true}"""), Ct);
        using var unknown = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", """{"kid":"never-made"}"""), Ct);
        using var deleted = await proxy.Client.SendAsync(Admin("/_ts/admin/keys/deactivate", """{"kid":"first-key","delete":true}"""), Ct);
        var deletedJson = await JsonAsync(deleted);

        Assert.True(first.GetProperty("success").GetBoolean());
        Assert.Equal("Key rotated successfully", first.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous_kid").ValueKind);
        Assert.Equal("first-key", second.GetProperty("previous_kid").GetString());
        Assert.Equal(2, second.GetProperty("active_kids").GetArrayLength());
        Assert.Equal(409, (int)last.StatusCode);
        Assert.False(lastJson.GetProperty("success").GetBoolean());
        Assert.Contains("current signing key", lastJson.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(409, (int)current.StatusCode);
        Assert.Equal(400, (int)forbidden.StatusCode);
        Assert.Equal(400, (int)upper.StatusCode);
        Assert.Equal(409, (int)taken.StatusCode);
        Assert.Equal(400, (int)notJson.StatusCode);
        Assert.Equal(400, (int)noKid.StatusCode);
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal(200, (int)deleted.StatusCode);
        Assert.True(deletedJson.GetProperty("deleted").GetBoolean());
        Assert.Equal("Key deleted successfully", deletedJson.GetProperty("message").GetString());
        Assert.Equal([second.GetProperty("new_kid").GetString()], deletedJson.GetProperty("remaining_active_kids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("no-store", deleted.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task A_wrong_passphrase_stops_startup_with_the_reason()
    {
        await using var origin = await OriginServer.StartAsync(_ => Task.CompletedTask);
        var store = new InMemoryKeyStore();
        await using (var proxy = await ProxyServer.StartAsync(Options(origin.Url), s => s.AddSingleton<IKeyStore>(store)))
        {
            await RotateAsync(proxy.Client, "k1");
        }

        var wrong = Options(origin.Url) with { RequestSigning = Options(origin.Url).RequestSigning with { Passphrase = "a-different-long-passphrase" } };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ProxyServer.StartAsync(wrong, s => s.AddSingleton<IKeyStore>(store)));

        Assert.Contains("passphrase", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> VerifyAsync(ProxyServer proxy, string payload, string signature, string kid)
    {
        using var response = await proxy.Client.SendAsync(Verify(payload, signature, kid), Ct);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<int> PostAsync(ProxyServer proxy, string path, HttpContent content)
    {
        using var response = await proxy.Client.PostAsync(path, content, Ct);
        return (int)response.StatusCode;
    }

    private static byte[] Base64Url(string text)
    {
        Assert.True(Core.RequestSigning.Base64Text.TryDecode(text, out var bytes));
        return bytes;
    }
}
