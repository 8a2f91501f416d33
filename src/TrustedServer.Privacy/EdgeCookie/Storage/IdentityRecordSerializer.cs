using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TrustedServer.Privacy.EdgeCookie.Storage;

/// <summary>Reads and writes <see cref="IdentityRecord"/> JSON; anything but schema version 1 fails closed.</summary>
public static class IdentityRecordSerializer
{
    /// <summary>Serialises a record to UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.SerializeToUtf8Bytes(record, IdentityJsonContext.Default.IdentityRecord);
    }

    /// <summary>Serialises a record to a JSON string.</summary>
    public static string Serialize(IdentityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(record, IdentityJsonContext.Default.IdentityRecord);
    }

    /// <summary>Parses UTF-8 JSON; false for malformed JSON, missing required fields or an unsupported version.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out IdentityRecord? record)
    {
        try
        {
            record = JsonSerializer.Deserialize(utf8Json, IdentityJsonContext.Default.IdentityRecord);
        }
        catch (JsonException)
        {
            record = null;
        }

        if (!IsSupported(record))
        {
            record = null;
            return false;
        }

        return true;
    }

    /// <summary>Parses a JSON string; false for malformed JSON, missing required fields or an unsupported version.</summary>
    public static bool TryDeserialize(string json, [NotNullWhen(true)] out IdentityRecord? record)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            record = JsonSerializer.Deserialize(json, IdentityJsonContext.Default.IdentityRecord);
        }
        catch (JsonException)
        {
            record = null;
        }

        if (!IsSupported(record))
        {
            record = null;
            return false;
        }

        return true;
    }

    /// <summary>Whether a deserialised record is complete and of the supported schema version.</summary>
    internal static bool IsSupported([NotNullWhen(true)] IdentityRecord? record) =>
        record is { V: IdentityRecord.CurrentVersion, Consent: not null };
}
