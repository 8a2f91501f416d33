using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustedServer.Hosting.EdgeCookie;

/// <summary><c>{"error": "..."}</c>.</summary>
internal sealed record ApiError([property: JsonPropertyName("error")] string Error);

/// <summary><c>{"consent": "denied"}</c>.</summary>
internal sealed record ConsentDenied([property: JsonPropertyName("consent")] string Consent);

/// <summary>The identify answer.</summary>
internal sealed record IdentifyResponse
{
    [JsonPropertyName("ec")]
    public required string Ec { get; init; }

    [JsonPropertyName("consent")]
    public string Consent { get; init; } = "ok";

    [JsonPropertyName("degraded")]
    public bool Degraded { get; init; }

    [JsonPropertyName("source_domain")]
    public required string SourceDomain { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("eid")]
    public Eid? Eid { get; init; }

    [JsonPropertyName("cluster_size")]
    public int? ClusterSize { get; init; }
}

/// <summary>An OpenRTB EID.</summary>
internal sealed record Eid([property: JsonPropertyName("source")] string Source, [property: JsonPropertyName("uids")] IReadOnlyList<EidUid> Uids);

/// <summary>One UID of an EID.</summary>
internal sealed record EidUid([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("atype")] int Atype);

/// <summary>The batch-sync request body.</summary>
internal sealed record BatchSyncRequest([property: JsonPropertyName("mappings")] IReadOnlyList<BatchMapping>? Mappings);

/// <summary>One mapping; the timestamp is required by the contract but last write wins.</summary>
internal sealed record BatchMapping(
    [property: JsonPropertyName("ec_id")] string? EcId,
    [property: JsonPropertyName("partner_uid")] string? PartnerUid,
    [property: JsonPropertyName("timestamp")] JsonElement? Timestamp);

/// <summary>The batch-sync answer.</summary>
internal sealed record BatchSyncResponse(
    [property: JsonPropertyName("accepted")] int Accepted,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("errors")] IReadOnlyList<BatchError> Errors);

/// <summary>Why one mapping was rejected.</summary>
internal sealed record BatchError([property: JsonPropertyName("index")] int Index, [property: JsonPropertyName("reason")] string Reason);

/// <summary>The admin lookup answer: the raw store record.</summary>
internal sealed record AdminEcResponse
{
    [JsonPropertyName("ec_id")]
    public required string EcId { get; init; }

    [JsonPropertyName("store")]
    public required string Store { get; init; }

    [JsonPropertyName("generation")]
    public long Generation { get; init; }

    [JsonPropertyName("entry")]
    public JsonElement Entry { get; init; }

    [JsonPropertyName("tombstone")]
    public bool Tombstone { get; init; }
}

/// <summary>Source-generated serialisation of the identity API payloads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ConsentDenied))]
[JsonSerializable(typeof(IdentifyResponse))]
[JsonSerializable(typeof(BatchSyncRequest))]
[JsonSerializable(typeof(BatchSyncResponse))]
[JsonSerializable(typeof(AdminEcResponse))]
internal sealed partial class IdentityApiJsonContext : JsonSerializerContext;
