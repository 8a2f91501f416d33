using System.Buffers;
using System.Text.Json;

namespace TrustedServer.Core.Auction.OpenRtb;

/// <summary>
/// Writes a provider's bid request straight from the auction, field by field, with the names and rules of
/// <see cref="OpenRtbJsonContext"/> (snake case, absent rather than null). Building the request as records and node
/// trees and then serialising them cost more than half of an auction's allocations; this writes the same document with
/// one buffer per thread and one array for the body.
/// </summary>
internal static class OpenRtbJsonWriter
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    /// <summary>The document <paramref name="write"/> produces, as an exact-size array.</summary>
    public static byte[] ToUtf8Bytes<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Write(state, write, static bytes => bytes.ToArray());

    /// <summary>The document <paramref name="write"/> produces, in base64.</summary>
    public static string ToBase64<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Write(state, write, static bytes => Convert.ToBase64String(bytes));

    private static TResult Write<TState, TResult>(TState state, Action<Utf8JsonWriter, TState> write, Func<ReadOnlySpan<byte>, TResult> result)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _threadWriter;
        if (writer is null)
        {
            writer = _threadWriter = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            write(writer, state);
            writer.Flush();
            return result(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > 256 * 1024)
            {
                // One oversized request must not pin its buffer to the thread for good.
                _threadBuffer = null;
            }
        }
    }

    /// <summary><c>"banner":{"format":[{"w":..,"h":..},...]}</c>.</summary>
    public static void WriteBanner(Utf8JsonWriter writer, IReadOnlyList<AdFormat> formats)
    {
        writer.WriteStartObject("banner");
        writer.WriteStartArray("format");
        for (var i = 0; i < formats.Count; i++)
        {
            var format = formats[i];
            writer.WriteStartObject();
            writer.WriteNumber("w", format.Width);
            writer.WriteNumber("h", format.Height);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The slot's floor in USD, when it has one.</summary>
    public static void WriteFloor(Utf8JsonWriter writer, double? floor)
    {
        if (floor is { } value)
        {
            writer.WriteNumber("bidfloor", value);
            writer.WriteString("bidfloorcur", "USD");
        }
    }

    /// <summary><c>"geo":{...}</c> from the visitor's country (ISO alpha-3 as OpenRTB wants) and region, IP-derived.</summary>
    public static void WriteGeo(Utf8JsonWriter writer, AuctionDevice device)
    {
        writer.WriteStartObject("geo");
        writer.WriteNumber("type", 2);
        if (device.Country is { } country)
        {
            writer.WriteString("country", CountryCodes.ToAlpha3(country) ?? country);
        }

        if (device.Region is { } region)
        {
            writer.WriteString("region", region);
        }

        writer.WriteEndObject();
    }

    /// <summary><c>"site":{"domain","page"[,"ref"],"publisher":{"domain"}}</c>.</summary>
    public static void WriteSite(Utf8JsonWriter writer, string domain, string page, string? referrer)
    {
        writer.WriteStartObject("site");
        writer.WriteString("domain", domain);
        writer.WriteString("page", page);
        if (referrer is not null)
        {
            writer.WriteString("ref", referrer);
        }

        writer.WriteStartObject("publisher");
        writer.WriteString("domain", domain);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The regs fields both providers send (GDPR 1/0 left out when unknown, US Privacy, GPP and its sections).</summary>
    public static void WriteRegsFields(Utf8JsonWriter writer, AuctionPrivacy privacy)
    {
        if (privacy.Gdpr is { } gdpr)
        {
            writer.WriteNumber("gdpr", gdpr ? 1 : 0);
        }

        if (privacy.UsPrivacy is { } usp)
        {
            writer.WriteString("us_privacy", usp);
        }

        if (privacy.Gpp is { } gpp)
        {
            writer.WriteString("gpp", gpp);
        }

        if (privacy.GppSectionIds is { Count: > 0 } sids)
        {
            WriteInts(writer, "gpp_sid", sids);
        }
    }

    /// <summary><c>"name":[1,2,...]</c>.</summary>
    public static void WriteInts(Utf8JsonWriter writer, string name, IReadOnlyList<int> values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteNumberValue(values[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary><c>"eids":[{"source","uids":[{"id"[,"atype"]}]}]</c>, keeping any extension the EIDs carry.</summary>
    public static void WriteEids(Utf8JsonWriter writer, IReadOnlyList<Eid> eids)
    {
        writer.WriteStartArray("eids");
        foreach (var eid in eids)
        {
            writer.WriteStartObject();
            writer.WriteString("source", eid.Source);
            writer.WriteStartArray("uids");
            foreach (var uid in eid.Uids)
            {
                writer.WriteStartObject();
                writer.WriteString("id", uid.Id);
                if (uid.Atype is { } atype)
                {
                    writer.WriteNumber("atype", atype);
                }

                WriteExtensions(writer, uid.Ext, uid.Extra);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteExtensions(writer, eid.Ext, eid.Extra);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteExtensions(Utf8JsonWriter writer, System.Text.Json.Nodes.JsonObject? ext, Dictionary<string, JsonElement>? extra)
    {
        if (ext is not null)
        {
            writer.WritePropertyName("ext");
            ext.WriteTo(writer);
        }

        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
    }
}
