using System.Text.Json.Serialization;
using TrustedServer.Core.RequestSigning;

namespace TrustedServer.Hosting.RequestSigning;

/// <summary>The answer of <c>/verify-signature</c>; <c>error</c> is written even when null, as the original does.</summary>
internal sealed record VerifyResponse(
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("kid")] string? Kid,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error);

/// <summary>The answer of <c>/_ts/admin/keys/rotate</c>.</summary>
internal sealed record RotateResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("new_kid"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NewKid,
    [property: JsonPropertyName("previous_kid"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? PreviousKid,
    [property: JsonPropertyName("active_kids")] IReadOnlyList<string> ActiveKids,
    [property: JsonPropertyName("jwk"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] Jwk? Jwk,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>The answer of <c>/_ts/admin/keys/deactivate</c>.</summary>
internal sealed record DeactivateResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("deactivated_kid"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DeactivatedKid,
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("remaining_active_kids")] IReadOnlyList<string> RemainingActiveKids,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>An error answer: <c>{"error":…,"message":…}</c>.</summary>
internal sealed record SigningError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message);

/// <summary>Source-generated JSON of the signing routes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(RotateResponse))]
[JsonSerializable(typeof(DeactivateResponse))]
[JsonSerializable(typeof(SigningError))]
[JsonSerializable(typeof(JwksDocument))]
internal sealed partial class SigningApiJsonContext : JsonSerializerContext;
