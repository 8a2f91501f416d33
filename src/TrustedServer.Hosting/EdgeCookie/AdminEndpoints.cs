using System.Text.Json;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary><c>/_ts/admin/ec/{id}</c>: the raw identity record, behind the Basic-auth handlers (mapped only when one covers it).</summary>
internal static class AdminEndpoints
{
    public static void MapIdentityAdmin(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map("/_ts/admin/ec/{id}", LookupAsync);

    private static async Task LookupAsync(HttpContext context, string id, IdentitySettings settings, IIdentityStore store, TimeProvider time)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        // The Basic-auth handlers matched the path case-sensitively; routing does not, so only the exact prefix is served.
        if (!(context.Request.Path.Value ?? string.Empty).StartsWith(AdminRoutes.EdgeCookiePrefix, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
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

    private static string StoreKind(string store) =>
        store.StartsWith("redis", StringComparison.OrdinalIgnoreCase) ? "redis"
        : store.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "file"
        : "memory";
}
