using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary><c>/_ts/admin/ec/{id}</c>: the raw identity record, behind HTTP Basic auth.</summary>
internal static class AdminEndpoints
{
    public static void MapIdentityAdmin(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map("/_ts/admin/ec/{id}", LookupAsync);

    private static async Task LookupAsync(HttpContext context, string id, IdentitySettings settings, IIdentityStore store, TimeProvider time)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (!IsAuthorized(context.Request, settings.Options.Ec.AdminUsername, settings.Options.Ec.AdminPassword))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"trusted-server admin\"";
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            response.Headers.Allow = "GET";
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!EcId.IsValid(id))
        {
            await PartnerApiEndpoints.WriteAsync(response, StatusCodes.Status400BadRequest, new ApiError("invalid_ec_id"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        StoredIdentity? stored;
        try
        {
            stored = await store.GetAsync(id, context.RequestAborted).AsTask()
                .WaitAsync(settings.Options.Ec.StoreTimeout, time, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IdentityStoreException or TimeoutException)
        {
            await PartnerApiEndpoints.WriteAsync(response, StatusCodes.Status503ServiceUnavailable, new ApiError("kv_unavailable"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        if (stored is null)
        {
            await PartnerApiEndpoints.WriteAsync(response, StatusCodes.Status404NotFound, new ApiError("not_found"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        using var entry = JsonDocument.Parse(IdentityRecordSerializer.SerializeToUtf8Bytes(stored.Record));
        var body = new AdminEcResponse
        {
            EcId = id,
            Store = StoreKind(settings.Options.Ec.Store),
            Generation = stored.Generation,
            Entry = entry.RootElement.Clone(),
            Tombstone = stored.Record.IsTombstone,
        };
        await PartnerApiEndpoints.WriteAsync(response, StatusCodes.Status200OK, body, IdentityApiJsonContext.Default.AdminEcResponse);
    }

    /// <summary>Basic credentials compared in constant time (as hashes, so their lengths leak nothing either).</summary>
    internal static bool IsAuthorized(HttpRequest request, string? user, string? password)
    {
        if (user is null || password is null)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        const string Prefix = "Basic ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Prefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var userOk = CryptographicOperations.FixedTimeEquals(Hash(decoded[..colon]), Hash(user));
        var passwordOk = CryptographicOperations.FixedTimeEquals(Hash(decoded[(colon + 1)..]), Hash(password));
        return userOk & passwordOk;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string StoreKind(string store) =>
        store.StartsWith("redis", StringComparison.OrdinalIgnoreCase) ? "redis"
        : store.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "file"
        : "memory";
}
