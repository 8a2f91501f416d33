using System.Buffers;
using System.Text.Json;
using TrustedServer.Core.Configuration;
using TrustedServer.Privacy.Consent;
using TrustedServer.Privacy.EdgeCookie;
using TrustedServer.Privacy.EdgeCookie.Storage;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>The partner APIs of reference §4.7 and §4.8: identify and batch-sync.</summary>
internal static class PartnerApiEndpoints
{
    public const int MaxBatchBodyBytes = 2 * 1024 * 1024;
    public const int MaxBatchMappings = 1000;

    // Rounds of the store's own compare-and-swap retries before a contended mapping is given up.
    private const int ContendedRounds = 8;

    public static void MapPartnerApis(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/_ts/api/v1/identify", ["GET", "OPTIONS"], IdentifyAsync);
        // Limited per partner by the ASP.NET Core rate limiter before the body is read; see BatchSyncRateLimitPolicy.
        endpoints.MapPost("/_ts/api/v1/batch-sync", BatchSyncAsync).RequireRateLimiting(BatchSyncRateLimitPolicy.Name);
    }

    private static async Task IdentifyAsync(HttpContext context, IdentitySettings settings, VisitorGeo geo, PartnerRegistry partners, IIdentityStore store, TimeProvider time, ILogger<PartnerRegistry> logger)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.Vary = "Origin, Authorization";
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (!IsAllowedOrigin(origin, settings.Options.Publisher.Domain))
            {
                response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowCredentials = "true";
            response.Headers.AccessControlAllowMethods = "GET, OPTIONS";
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            response.Headers.AccessControlAllowHeaders = "Authorization";
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var partner = partners.Authenticate(context.Request);
        if (partner is null)
        {
            await WriteAsync(response, StatusCodes.Status401Unauthorized, new ApiError("invalid_token"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        var consent = settings.ConsentFor(context, geo, time.GetUtcNow());
        if (!ConsentDecisions.AllowsEcCreation(consent))
        {
            await WriteAsync(response, StatusCodes.Status403Forbidden, new ConsentDenied("denied"), IdentityApiJsonContext.Default.ConsentDenied);
            return;
        }

        var ec = EcCookie.ReadValid(context.Request.Cookies[EcCookie.Name]);
        if (ec is null)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var degraded = false;
        string? uid = null;
        try
        {
            var stored = await store.GetAsync(ec, context.RequestAborted).AsTask()
                .WaitAsync(settings.Options.Ec.StoreTimeout, time, context.RequestAborted);
            if (stored is { Record.IsTombstone: true })
            {
                await WriteAsync(response, StatusCodes.Status403Forbidden, new ConsentDenied("denied"), IdentityApiJsonContext.Default.ConsentDenied);
                return;
            }

            uid = stored?.Record.Ids.GetValueOrDefault(partner.SourceDomain)?.Uid;
        }
        catch (Exception ex) when (ex is IdentityStoreException or TimeoutException)
        {
            IdentityLog.ReadFailed(logger, "identify", ex);
            degraded = true;
        }

        var body = new IdentifyResponse
        {
            Ec = ec,
            Degraded = degraded,
            SourceDomain = partner.SourceDomain,
            Uid = uid,
            Eid = uid is null ? null : new Eid(partner.SourceDomain, [new EidUid(uid, partner.OpenRtbAtype)]),
        };
        await WriteAsync(response, StatusCodes.Status200OK, body, IdentityApiJsonContext.Default.IdentifyResponse);
    }

    /// <summary><c>https://</c> plus the publisher domain or one of its subdomains, written in lower case.</summary>
    internal static bool IsAllowedOrigin(string origin, string publisherDomain)
    {
        const string Scheme = "https://";
        if (!origin.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var authority = origin.AsSpan(Scheme.Length);
        if (authority.IndexOfAny('/', '@', '?') >= 0 || authority.ContainsAnyInRange('A', 'Z'))
        {
            return false;
        }

        var colon = authority.LastIndexOf(':');
        var host = colon >= 0 ? authority[..colon] : authority;
        var domain = publisherDomain.Trim().TrimStart('.').ToLowerInvariant();
        return host.SequenceEqual(domain) || (host.EndsWith(domain) && host.Length > domain.Length && host[host.Length - domain.Length - 1] == '.');
    }

    private static async Task BatchSyncAsync(HttpContext context, IdentitySettings settings, PartnerRegistry partners, IIdentityStore store)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        var partner = partners.Authenticate(context.Request);
        if (partner is null)
        {
            await WriteAsync(response, StatusCodes.Status401Unauthorized, new ApiError("invalid_token"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        var body = await ReadCappedAsync(context.Request, MaxBatchBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await WriteAsync(response, StatusCodes.Status413PayloadTooLarge, new ApiError("body_too_large"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        BatchSyncRequest? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body.Value.Span, IdentityApiJsonContext.Default.BatchSyncRequest);
        }
        catch (JsonException)
        {
            batch = null;
        }

        if (batch?.Mappings is null)
        {
            await WriteAsync(response, StatusCodes.Status400BadRequest, new ApiError("invalid_json"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        if (batch.Mappings.Count > MaxBatchMappings)
        {
            await WriteAsync(response, StatusCodes.Status400BadRequest, new ApiError("batch_too_large"), IdentityApiJsonContext.Default.ApiError);
            return;
        }

        var errors = new List<BatchError>();
        for (var i = 0; i < batch.Mappings.Count; i++)
        {
            var reason = await ApplyMappingAsync(store, partner, batch.Mappings[i], context.RequestAborted);
            if (reason is not null)
            {
                errors.Add(new BatchError(i, reason));
            }
        }

        var result = new BatchSyncResponse(batch.Mappings.Count - errors.Count, errors.Count, errors);
        await WriteAsync(response, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus, result, IdentityApiJsonContext.Default.BatchSyncResponse);
    }

    private static async Task<string?> ApplyMappingAsync(IIdentityStore store, EcPartnerOptions partner, BatchMapping? mapping, CancellationToken cancellationToken)
    {
        var id = mapping?.EcId?.Trim();
        if (id is null || id.Length != EcId.Length)
        {
            return "invalid_ec_id";
        }

        // Partners may send the hash part in upper case; store keys are lower case.
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        id = dot < 0 ? id : id[..dot].ToLowerInvariant() + id[dot..];
        if (!EcId.IsValid(id))
        {
            return "invalid_ec_id";
        }

        var uid = mapping!.PartnerUid;
        if (!PartnerUid.IsValid(uid) || !EcCookie.IsSafeCookieValue(uid))
        {
            return "invalid_partner_uid";
        }

        for (var round = 0; round < ContendedRounds; round++)
        {
            var outcome = await store.UpdateWithRetryAsync(id, record => record.WithPartnerUid(partner.SourceDomain, uid!), cancellationToken: cancellationToken);
            switch (outcome)
            {
                case IdentityUpdateOutcome.Updated or IdentityUpdateOutcome.Unchanged:
                    return null;
                case IdentityUpdateOutcome.Missing or IdentityUpdateOutcome.Tombstoned:
                    return "ineligible";
                case IdentityUpdateOutcome.Unavailable:
                    return "kv_unavailable";
            }
        }

        return "kv_unavailable";
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }

    internal static Task WriteAsync<T>(HttpResponse response, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, value, type, response.HttpContext.RequestAborted);
    }
}
