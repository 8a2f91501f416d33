using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrustedServer.Core.Configuration;
using TrustedServer.Hosting.Tests.Infrastructure;

namespace TrustedServer.Hosting.Tests.RequestSigning;

/// <summary>Options and requests for the request-signing tests.</summary>
internal static class SigningHarness
{
    public const string Passphrase = "a-long-random-signing-passphrase";
    public const string AdminUser = "keys-admin";
    public const string AdminPassword = "a-long-admin-password-7";

    public static TrustedServerOptions Options(Uri origin, string keyStore = "memory", TimeSpan? refresh = null, string prefix = "ts:signing:") =>
        TestOptions.For(origin) with
        {
            RequestSigning = new RequestSigningOptions
            {
                Enabled = true,
                KeyStore = keyStore,
                KeyPrefix = prefix,
                Passphrase = Passphrase,
                Refresh = refresh ?? TimeSpan.FromSeconds(30),
            },
            Handlers = [new AdminHandlerOptions { Path = "^/_ts/admin", Username = AdminUser, Password = AdminPassword }],
        };

    public static HttpRequestMessage Admin(string path, string? json, string? user = AdminUser, string? password = AdminPassword)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }

        return request;
    }

    public static async Task<JsonElement> RotateAsync(HttpClient client, string? kid = null)
    {
        using var response = await client.SendAsync(Admin("/_ts/admin/keys/rotate", kid is null ? "{}" : $"{{\"kid\":\"{kid}\"}}"), TestContext.Current.CancellationToken);
        var json = await JsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, json.ToString());
        return json;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpRequestMessage Verify(string payload, string signature, string kid) =>
        new(HttpMethod.Post, "/verify-signature")
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["payload"] = payload, ["signature"] = signature, ["kid"] = kid }), Encoding.UTF8, "application/json"),
        };
}
