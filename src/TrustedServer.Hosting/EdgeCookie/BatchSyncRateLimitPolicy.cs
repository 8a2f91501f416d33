using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary>
/// The ASP.NET Core rate-limiter policy of <c>POST /_ts/api/v1/batch-sync</c>: one fixed one-minute window per partner
/// (rate key <c>batch:&lt;source_domain&gt;</c>, permits from <c>[[ec.partners]] batch_rate_limit</c>), the partner found
/// from the bearer token. A missing or unknown token is not limited, so the endpoint's 401 always wins over a 429;
/// the tokens are 16+ characters and only their hashes are compared, so there is nothing to throttle guessing for.
/// Over the limit: 429 <c>{"error":"rate_limit_exceeded"}</c> with <c>Retry-After</c>.
/// </summary>
internal sealed class BatchSyncRateLimitPolicy(PartnerRegistry partners) : IRateLimiterPolicy<string>
{
    public const string Name = "ts-batch-sync";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (partners.Authenticate(httpContext.Request) is not { } partner)
        {
            return RateLimitPartition.GetNoLimiter("unauthenticated");
        }

        return RateLimitPartition.GetFixedWindowLimiter("batch:" + partner.SourceDomain, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = partner.BatchRateLimit,
            Window = Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.ContentType = "application/json";
        await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, new ApiError("rate_limit_exceeded"), IdentityApiJsonContext.Default.ApiError, cancellationToken);
    }
}
