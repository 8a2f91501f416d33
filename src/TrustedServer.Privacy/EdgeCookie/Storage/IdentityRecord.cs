using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>
/// The identity-graph value stored under a full Edge Cookie ID (schema <c>v: 1</c>).
/// Immutable: every change produces a new instance, and a mutation that changes nothing returns the same instance.
/// </summary>
public sealed record IdentityRecord
{
    /// <summary>The only schema version this build reads or writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Schema version; records with any other value are refused.</summary>
    [JsonRequired]
    public int V { get; init; } = CurrentVersion;

    /// <summary>Creation time in unix seconds.</summary>
    public required long Created { get; init; }

    /// <summary>The consent the record was last written under; <c>ok = false</c> marks a tombstone.</summary>
    public required ConsentSnapshot Consent { get; init; }

    /// <summary>Coarse location at creation.</summary>
    public GeoInfo? Geo { get; init; }

    /// <summary>The publisher properties the identity was seen on.</summary>
    public PubProperties? PubProperties { get; init; }

    /// <summary>Device signals captured at creation.</summary>
    public DeviceSignals? Device { get; init; }

    /// <summary>Network facts (cluster size).</summary>
    public NetworkInfo? Network { get; init; }

    /// <summary>Partner UIDs keyed by the partner's <c>source_domain</c>.</summary>
    public ImmutableDictionary<string, PartnerUid> Ids
    {
        get;

        // The JSON source generator assigns default for absent init-only members, so null must mean empty.
        init => field = value ?? ImmutableDictionary<string, PartnerUid>.Empty;
    } = ImmutableDictionary<string, PartnerUid>.Empty;

    /// <summary>Whether this record is a withdrawal tombstone.</summary>
    public bool IsTombstone => !Consent.Ok;

    /// <summary>Builds the tombstone written when consent is withdrawn: no partner IDs, no profile.</summary>
    public static IdentityRecord CreateTombstone(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return new IdentityRecord { Created = seconds, Consent = new ConsentSnapshot { Ok = false, Updated = seconds } };
    }

    /// <summary>
    /// Returns this instance when <paramref name="sourceDomain"/> already maps to <paramref name="uid"/>,
    /// otherwise a copy with the UID set; returning the same instance lets writers skip the store.
    /// </summary>
    /// <exception cref="ArgumentException">The UID is empty or longer than <see cref="PartnerUid.MaxBytes"/> bytes.</exception>
    public IdentityRecord WithPartnerUid(string sourceDomain, string uid)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceDomain);
        if (!PartnerUid.IsValid(uid))
        {
            throw new ArgumentException($"partner UID must be 1 to {PartnerUid.MaxBytes} UTF-8 bytes", nameof(uid));
        }

        if (Ids.TryGetValue(sourceDomain, out var existing) && string.Equals(existing.Uid, uid, StringComparison.Ordinal))
        {
            return this;
        }

        return this with { Ids = Ids.SetItem(sourceDomain, new PartnerUid(uid)) };
    }
}
