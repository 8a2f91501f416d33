using System.Text;
using System.Text.Json;
using TrustedServer.Core.Configuration;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>
/// <c>GET /.well-known/trusted-server.json</c>, <c>POST /verify-signature</c> and, behind the Basic-auth handlers,
/// <c>POST /_ts/admin/keys/rotate</c> and <c>POST /_ts/admin/keys/deactivate</c>.
/// </summary>
internal static class SigningEndpoints
{
    public const string DiscoveryPath = "/.well-known/trusted-server.json";
    public const string VerifyPath = "/verify-signature";

    public static void Map(IEndpointRouteBuilder endpoints, bool adminEndpoints)
    {
        endpoints.MapGet(DiscoveryPath, DiscoveryAsync);
        endpoints.MapPost(VerifyPath, VerifyAsync);
        if (adminEndpoints)
        {
            endpoints.MapPost(AdminRoutes.RotateKeys, RotateAsync);
            endpoints.MapPost(AdminRoutes.DeactivateKeys, DeactivateAsync);
        }
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, string error, string message) =>
        WriteAsync(context, status, new SigningError(error, message), SigningApiJsonContext.Default.SigningError);

    private static Task DiscoveryAsync(HttpContext context, KeyRing ring)
    {
        if (ring.Current.Keys.Discovery() is not { } document)
        {
            context.Response.Headers.CacheControl = "no-store";
            return WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "no_active_key", "the key store has no active signing key; run trusted-server keys generate or rotate");
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        return WriteAsync(context, StatusCodes.Status200OK, document, SigningApiJsonContext.Default.JwksDocument);
    }

    private static async Task VerifyAsync(HttpContext context, RequestSigner signer, SigningMetrics metrics)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await SigningBody.ReadAsync(context) is not { } body)
        {
            metrics.RecordVerification("bad_request");
            return;
        }

        using var json = SigningBody.ParseObject(body);
        string? payload = null, signature = null, kid = null;
        var valid = json is not null;
        if (json is not null)
        {
            payload = SigningBody.String(json.RootElement, "payload", out var v1);
            signature = SigningBody.String(json.RootElement, "signature", out var v2);
            kid = SigningBody.String(json.RootElement, "kid", out var v3);
            valid = v1 && v2 && v3 && payload is not null && signature is not null && kid is not null;
        }

        if (!valid)
        {
            metrics.RecordVerification("bad_request");
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "expected a JSON object {\"payload\":string,\"signature\":string,\"kid\":string}");
            return;
        }

        var outcome = signer.Verify(Encoding.UTF8.GetBytes(payload!), signature, kid);
        var answer = outcome switch
        {
            VerificationOutcome.Verified => new VerifyResponse(true, kid, "Signature verified successfully", null),
            VerificationOutcome.Invalid => new VerifyResponse(false, kid, "Signature verification failed", "Invalid signature"),
            _ => new VerifyResponse(false, kid, "Verification error", "unknown or inactive kid"),
        };
        metrics.RecordVerification(outcome switch
        {
            VerificationOutcome.Verified => "verified",
            VerificationOutcome.Invalid => "invalid",
            _ => "unknown_kid",
        });
        await WriteAsync(context, StatusCodes.Status200OK, answer, SigningApiJsonContext.Default.VerifyResponse);
    }

    private static async Task RotateAsync(HttpContext context, KeyRotation rotation, ILogger<KeyRotation> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!IsExactPath(context, AdminRoutes.RotateKeys) || await SigningBody.ReadAsync(context) is not { } body)
        {
            return;
        }

        string? kid = null;
        if (body.AsSpan().Trim(" \t\r\n"u8).Length > 0)
        {
            using var json = SigningBody.ParseObject(body);
            var valid = false;
            if (json is not null)
            {
                kid = SigningBody.String(json.RootElement, "kid", out valid);
            }

            if (!valid)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "expected an empty body or a JSON object {\"kid\":string}");
                return;
            }
        }

        var result = await rotation.RotateAsync(kid, context.RequestAborted);
        if (result.Success)
        {
            SigningLog.Rotated(logger, result.NewKid!, result.PreviousKid);
        }
        else
        {
            SigningLog.OperationFailed(logger, result.Status.ToString(), result.Error);
        }

        var answer = new RotateResponse(result.Success, result.Message, result.NewKid, result.PreviousKid, result.ActiveKids, result.Jwk, result.Error);
        await WriteAsync(context, StatusOf(result.Status), answer, SigningApiJsonContext.Default.RotateResponse);
    }

    private static async Task DeactivateAsync(HttpContext context, KeyRotation rotation, ILogger<KeyRotation> logger)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!IsExactPath(context, AdminRoutes.DeactivateKeys) || await SigningBody.ReadAsync(context) is not { } body)
        {
            return;
        }

        using var json = SigningBody.ParseObject(body);
        string? kid = null;
        var delete = false;
        var valid = json is not null;
        if (json is not null)
        {
            kid = SigningBody.String(json.RootElement, "kid", out valid);
            if (json.RootElement.TryGetProperty("delete", out var flag))
            {
                valid &= flag.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null;
                delete = flag.ValueKind == JsonValueKind.True;
            }
        }

        if (!valid || kid is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "expected a JSON object {\"kid\":string,\"delete\":boolean}");
            return;
        }

        var result = await rotation.DeactivateAsync(kid, delete, context.RequestAborted);
        if (result.Success)
        {
            SigningLog.Deactivated(logger, kid, delete);
        }
        else
        {
            SigningLog.OperationFailed(logger, result.Status.ToString(), result.Error);
        }

        var answer = new DeactivateResponse(result.Success, result.Message, result.DeactivatedKid, result.Deleted, result.RemainingActiveKids, result.Error);
        await WriteAsync(context, StatusOf(result.Status), answer, SigningApiJsonContext.Default.DeactivateResponse);
    }

    /// <summary>
    /// The Basic-auth handlers match the path case-sensitively while routing ignores case and a trailing slash; an admin
    /// route answers only on its exact path, so no spelling slips past a handler.
    /// </summary>
    private static bool IsExactPath(HttpContext context, string path)
    {
        if (string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }

    private static int StatusOf(KeyOperationStatus status) => status switch
    {
        KeyOperationStatus.Succeeded => StatusCodes.Status200OK,
        KeyOperationStatus.InvalidKid => StatusCodes.Status400BadRequest,
        KeyOperationStatus.UnknownKid => StatusCodes.Status404NotFound,
        KeyOperationStatus.KidExists or KeyOperationStatus.Refused => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static Task WriteAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
